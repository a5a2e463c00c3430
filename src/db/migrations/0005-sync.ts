import type { ColumnDefinitionBuilder, Kysely } from "kysely";

/**
 * Contact, product and invoice sync: per-company settings, the links between HubSpot
 * records and QBO records (with what Ledgerlink last wrote to each side, so its own echoes are
 * recognised), field mappings, the review list for records that cannot be matched safely, and the
 * visible initial-sync runs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const connection = (c: ColumnDefinitionBuilder) =>
    c.notNull().references("qbo_connections.connection_id").onDelete("cascade");

  await db.schema
    .createTable("sync_settings")
    .addColumn("connection_id", "text", (c) => connection(c).primaryKey())
    .addColumn("settings", "jsonb", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("record_links")
    .addColumn("connection_id", "text", (c) => connection(c))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("qbo_id", "text", (c) => c.notNull())
    .addColumn("hubspot_id", "text", (c) => c.notNull())
    .addColumn("to_hubspot", "jsonb", (c) => c.notNull().defaultTo("{}"))
    .addColumn("to_qbo", "jsonb", (c) => c.notNull().defaultTo("{}"))
    .addColumn("archived", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("record_links_pk", ["connection_id", "kind", "qbo_id"])
    .addUniqueConstraint("record_links_hubspot", ["connection_id", "kind", "hubspot_id"])
    .execute();

  await db.schema
    .createTable("field_mappings")
    .addColumn("mapping_id", "text", (c) => c.primaryKey())
    .addColumn("connection_id", "text", (c) => connection(c))
    .addColumn("object", "text", (c) => c.notNull())
    .addColumn("hubspot_property", "text", (c) => c.notNull())
    .addColumn("qbo_field", "text", (c) => c.notNull())
    .addColumn("direction", "text", (c) => c.notNull())
    .addColumn("is_default", "boolean", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .addUniqueConstraint("field_mappings_pair", ["connection_id", "object", "hubspot_property", "qbo_field"])
    .execute();

  await db.schema
    .createTable("review_items")
    .addColumn("review_id", "text", (c) => c.primaryKey())
    .addColumn("connection_id", "text", (c) => connection(c))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("side", "text", (c) => c.notNull())
    .addColumn("record_id", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("candidates", "jsonb", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("resolved_at", "timestamptz")
    .addUniqueConstraint("review_items_record", ["connection_id", "kind", "side", "record_id"])
    .execute();

  await db.schema
    .createTable("initial_syncs")
    .addColumn("sync_id", "text", (c) => c.primaryKey())
    .addColumn("connection_id", "text", (c) => connection(c))
    .addColumn("object", "text", (c) => c.notNull())
    .addColumn("direction", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("plan", "jsonb", (c) => c.notNull())
    .addColumn("progress", "jsonb", (c) => c.notNull())
    .addColumn("error", "text")
    .addColumn("started_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .addColumn("finished_at", "timestamptz")
    .execute();
}
