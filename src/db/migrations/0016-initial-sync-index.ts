import type { Kysely } from "kysely";

/**
 * ADR 0047. `initial_sync_index`: what an initial sync phase knows about its target side, so a
 * resumed run need not read HubSpot's records again (a call per 100). One row per slice: `read`
 * rows hold the records found when the phase started (with their match keys), `created` rows the
 * match keys of the records each saved chunk created. A phase that finishes deletes its rows; a
 * run that resumes after they went stale reads the target again and replaces them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("initial_sync_index")
    .addColumn("sync_id", "text", (c) => c.notNull().references("initial_syncs.sync_id").onDelete("cascade"))
    .addColumn("phase", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    // A read row's slice number, or a created row's position in the phase (its chunk's first record).
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("entries", "jsonb", (c) => c.notNull())
    .addColumn("saved_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("initial_sync_index_pk", ["sync_id", "phase", "kind", "seq"])
    .execute();
}
