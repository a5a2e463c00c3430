import { type Kysely } from "kysely";

/**
 * Reports (W4): what QBO payments applied to each invoice (one row per payment and
 * invoice, so "collected per month" and "days to pay" use real payment dates), and each deal's
 * owner and pipeline as HubSpot last told us (revenue by owner and by pipeline). Neither table
 * references `invoices`: a payment may arrive before its invoice is followed, and is counted once it is.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("payment_applications")
    .addColumn("connection_id", "text", (c) =>
      c.notNull().references("qbo_connections.connection_id").onDelete("cascade"),
    )
    .addColumn("qbo_payment_id", "text", (c) => c.notNull())
    .addColumn("qbo_invoice_id", "text", (c) => c.notNull())
    .addColumn("invoice_key", "text", (c) => c.notNull())
    .addColumn("portal_id", "text", (c) => c.notNull())
    .addColumn("txn_date", "text", (c) => c.notNull())
    .addColumn("amount", "decimal(18, 2)", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("qbo_updated_at", "timestamptz", (c) => c.notNull())
    .addColumn("recorded_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("payment_applications_pk", ["connection_id", "qbo_payment_id", "qbo_invoice_id"])
    .execute();
  await db.schema
    .createIndex("payment_applications_invoice")
    .on("payment_applications")
    .columns(["invoice_key"])
    .execute();

  await db.schema
    .createTable("deal_facts")
    .addColumn("portal_id", "text", (c) => c.notNull().references("portals.portal_id").onDelete("cascade"))
    .addColumn("deal_id", "text", (c) => c.notNull())
    .addColumn("owner_id", "text")
    .addColumn("owner_name", "text")
    .addColumn("pipeline_id", "text")
    .addColumn("pipeline_label", "text")
    .addColumn("refreshed_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("deal_facts_pk", ["portal_id", "deal_id"])
    .execute();
}
