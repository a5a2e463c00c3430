import type { Kysely } from "kysely";

/**
 * When each unfinished job last moved forward (ADR 0030). A job is retried with backoff until it
 * has made no progress for JOB_STALL_TIMEOUT_SECONDS, not a fixed number of times, so the time of
 * its last progress must outlive the attempt (and the worker) that made it. A row is written at a
 * job's first failure or first reported progress and removed when the job completes or gives up.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("job_progress")
    .addColumn("job_id", "text", (c) => c.primaryKey())
    .addColumn("job_name", "text", (c) => c.notNull())
    .addColumn("last_progress_at", "timestamptz", (c) => c.notNull())
    .execute();
}
