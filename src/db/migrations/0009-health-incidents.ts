import { sql, type Kysely } from "kysely";

/**
 * Health incidents (ADR 0028): a connection that needs reconnecting, or a sync that keeps failing,
 * is one row from the moment it is seen until it is over. `notified_at` is set once its
 * notification went out, `resolved_at` when it is over; at most one open incident per subject
 * (the partial unique index), so a problem seen again while open is the same incident.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("health_incidents")
    .addColumn("incident_id", "text", (c) => c.primaryKey())
    .addColumn("portal_id", "text", (c) => c.notNull().references("portals.portal_id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    // What is unwell: "hubspot:<portal>", "qbo:<connection>" or "sync:<connection>:<object type>".
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("vendor", "text", (c) => c.notNull())
    .addColumn("connection_id", "text")
    .addColumn("object_type", "text")
    .addColumn("detail", "text", (c) => c.notNull())
    // For a failing sync: how many attempts in a row had failed when it opened.
    .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("opened_at", "timestamptz", (c) => c.notNull())
    .addColumn("notified_at", "timestamptz")
    .addColumn("resolved_at", "timestamptz")
    .execute();
  await db.schema
    .createIndex("health_incidents_open_subject")
    .on("health_incidents")
    .columns(["portal_id", "subject"])
    .unique()
    .where(sql.ref("resolved_at"), "is", null)
    .execute();
}
