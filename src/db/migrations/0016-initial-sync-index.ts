import type { Kysely } from "kysely";

/**
 * ADR 0047. `initial_sync_index`: what an initial sync phase knows about its target side, so a
 * resumed run need not read HubSpot's records again (a call per 100) nor write again what it had
 * written. `read` rows hold the records found when the phase started (with their match keys), in
 * slices; a `chunk` row what one chunk did once its writes landed: its source records, the keys of
 * its creates and its counts. A phase that finishes deletes its rows; a run that resumes after
 * they went stale reads the target again and replaces them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("initial_sync_index")
    .addColumn("sync_id", "text", (c) => c.notNull().references("initial_syncs.sync_id").onDelete("cascade"))
    .addColumn("phase", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    // A read row's slice number, or a chunk's position in the phase (the source records before it).
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("entries", "jsonb", (c) => c.notNull())
    .addColumn("saved_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("initial_sync_index_pk", ["sync_id", "phase", "kind", "seq"])
    .execute();
}
