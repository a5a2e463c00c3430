import type { Kysely } from "kysely";

/**
 * W2 "Create QuickBooks invoice": one row per workflow execution, keyed by HubSpot's callbackId.
 * The key is what makes a retried or repeated execution create nothing the second time; the row
 * keeps the decided outputs until the completion callback has been delivered.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("workflow_executions")
    .addColumn("callback_id", "text", (c) => c.primaryKey())
    .addColumn("portal_id", "text", (c) => c.notNull().references("portals.portal_id").onDelete("cascade"))
    .addColumn("deal_id", "text", (c) => c.notNull())
    // The action's input fields as HubSpot sent them (checked again by the job).
    .addColumn("inputs", "jsonb", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("invoice_key", "text")
    // The output fields sent (or to send) to the completion callback.
    .addColumn("outputs", "jsonb")
    .addColumn("completed_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("workflow_executions_portal")
    .on("workflow_executions")
    .columns(["portal_id", "created_at"])
    .execute();
}
