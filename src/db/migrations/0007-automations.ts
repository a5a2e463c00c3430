import type { Kysely } from "kysely";

/**
 * Invoice automations (W3): the rules a portal defines and every firing of a rule for an
 * invoice and event. The unique (rule, invoice, event) key is what makes a firing happen once,
 * across retries, restarts and several workers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("automation_rules")
    .addColumn("rule_id", "text", (c) => c.primaryKey())
    .addColumn("portal_id", "text", (c) => c.notNull().references("portals.portal_id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("enabled", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("event", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    // The action's settings (recipient, subject, template, URL); the webhook secret is sealed.
    .addColumn("settings", "jsonb", (c) => c.notNull())
    .addColumn("connection_id", "text", (c) =>
      c.references("qbo_connections.connection_id").onDelete("cascade"),
    )
    .addColumn("pipeline_id", "text")
    .addColumn("amount_min", "decimal(18, 2)")
    .addColumn("amount_max", "decimal(18, 2)")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("automation_rules_portal_event")
    .on("automation_rules")
    .columns(["portal_id", "event"])
    .execute();

  await db.schema
    .createTable("automation_firings")
    .addColumn("firing_id", "text", (c) => c.primaryKey())
    .addColumn("rule_id", "text", (c) =>
      c.notNull().references("automation_rules.rule_id").onDelete("cascade"),
    )
    .addColumn("portal_id", "text", (c) => c.notNull())
    .addColumn("invoice_key", "text", (c) =>
      c.notNull().references("invoices.invoice_key").onDelete("cascade"),
    )
    .addColumn("event", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("result", "text")
    .addColumn("fired_at", "timestamptz", (c) => c.notNull())
    .addColumn("finished_at", "timestamptz")
    .addUniqueConstraint("automation_firings_once", ["rule_id", "invoice_key", "event"])
    .execute();
  await db.schema
    .createIndex("automation_firings_portal")
    .on("automation_firings")
    .columns(["portal_id", "fired_at"])
    .execute();
}
