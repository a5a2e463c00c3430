import { sql, type Kysely } from "kysely";

/**
 * Invoices: what Ledgerlink knows of each QBO invoice it follows, the HubSpot records
 * each is associated with, the wizard's server-side drafts, and what was last written to each
 * deal's five properties (so an unchanged status is not written again).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // S1: "overdue" turns at midnight in the company's time zone (CompanyInfo.DefaultTimeZone).
  await db.schema
    .alterTable("qbo_connections")
    .addColumn("time_zone", "text", (c) => c.notNull().defaultTo("UTC"))
    .execute();

  await db.schema
    .createTable("invoices")
    .addColumn("invoice_key", "text", (c) => c.primaryKey())
    .addColumn("portal_id", "text", (c) => c.notNull().references("portals.portal_id").onDelete("cascade"))
    .addColumn("connection_id", "text", (c) =>
      c.notNull().references("qbo_connections.connection_id").onDelete("cascade"),
    )
    .addColumn("realm_id", "text", (c) => c.notNull())
    .addColumn("qbo_invoice_id", "text", (c) => c.notNull())
    .addColumn("doc_number", "text")
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("customer_name", "text", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("total_amt", "decimal(18, 2)", (c) => c.notNull())
    .addColumn("balance", "decimal(18, 2)", (c) => c.notNull())
    .addColumn("txn_date", "text")
    .addColumn("due_date", "text")
    .addColumn("email_status", "text")
    .addColumn("print_status", "text")
    .addColumn("delivered_at", "text")
    .addColumn("private_note", "text")
    .addColumn("deleted", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("origin", "text", (c) => c.notNull())
    .addColumn("qbo_updated_at", "timestamptz", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .addUniqueConstraint("invoices_connection_qbo_id", ["connection_id", "qbo_invoice_id"])
    .execute();
  await db.schema
    .createIndex("invoices_portal_state")
    .on("invoices")
    .columns(["portal_id", "state"])
    .execute();

  await db.schema
    .createTable("invoice_links")
    .addColumn("invoice_key", "text", (c) =>
      c.notNull().references("invoices.invoice_key").onDelete("cascade"),
    )
    .addColumn("portal_id", "text", (c) => c.notNull())
    .addColumn("object_type", "text", (c) => c.notNull())
    .addColumn("object_id", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("invoice_links_pk", ["invoice_key", "object_type", "object_id"])
    .execute();
  await db.schema
    .createIndex("invoice_links_record")
    .on("invoice_links")
    .columns(["portal_id", "object_type", "object_id"])
    .execute();

  await db.schema
    .createTable("invoice_drafts")
    .addColumn("draft_id", "text", (c) => c.primaryKey())
    .addColumn("portal_id", "text", (c) => c.notNull().references("portals.portal_id").onDelete("cascade"))
    .addColumn("deal_id", "text", (c) => c.notNull())
    .addColumn("hubspot_user_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("step", "text", (c) => c.notNull())
    .addColumn("data", "jsonb", (c) => c.notNull())
    .addColumn("error", "text")
    .addColumn("invoice_key", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .addColumn("closed_at", "timestamptz")
    .execute();
  // One open draft per deal and user (a closed one stays as the record of what was created).
  await sql`CREATE UNIQUE INDEX invoice_drafts_open ON invoice_drafts (portal_id, deal_id, hubspot_user_id) WHERE closed_at IS NULL`.execute(
    db,
  );

  await db.schema
    .createTable("deal_property_writes")
    .addColumn("portal_id", "text", (c) => c.notNull().references("portals.portal_id").onDelete("cascade"))
    .addColumn("deal_id", "text", (c) => c.notNull())
    .addColumn("properties", "jsonb", (c) => c.notNull())
    .addColumn("written_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("deal_property_writes_pk", ["portal_id", "deal_id"])
    .execute();
}
