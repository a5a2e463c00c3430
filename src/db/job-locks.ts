import { sql } from "kysely";
import type { Database } from "./kysely.ts";

/**
 * The SQL behind queue/holders.ts (ADR 0044): session advisory locks that say a running job's
 * worker is alive, and pg-boss's active jobs read for the sweep. The locks' first key is
 * "Ledgerlink job held"; the second is the job id's hash.
 */
const HELD_LOCK = 0x4c4c4a48;

export interface ActiveJob {
  name: string;
  id: string;
  retryCount: number;
}

export async function lockJob(session: Database, jobId: string): Promise<void> {
  await sql`SELECT pg_advisory_lock(${HELD_LOCK}, hashtext(${jobId}))`.execute(session);
}

export async function unlockJob(session: Database, jobId: string): Promise<void> {
  await sql`SELECT pg_advisory_unlock(${HELD_LOCK}, hashtext(${jobId}))`.execute(session);
}

/**
 * Active jobs fetched at least `fetchedSecondsAgo` ago whose lock no session holds, in one round
 * trip: each is tried with a transaction-scoped lock, all let go when the statement's transaction
 * ends.
 */
export async function unlockedActiveJobs(
  db: Database,
  jobTable: string,
  fetchedSecondsAgo: number,
): Promise<ActiveJob[]> {
  const { rows } = await sql<{ name: string; id: string; attempts: number }>`
    WITH active AS MATERIALIZED (
      SELECT name, id, retry_count::int AS attempts FROM ${sql.table(jobTable)}
      WHERE state = 'active' AND started_on <= now() - make_interval(secs => ${fetchedSecondsAgo}))
    SELECT name, id, attempts FROM active
    WHERE pg_try_advisory_xact_lock(${HELD_LOCK}, hashtext(id::text))`.execute(db);
  return rows.map((row) => ({ name: row.name, id: row.id, retryCount: row.attempts }));
}

/** Every job pg-boss holds as running. */
export async function activeJobs(db: Database, jobTable: string): Promise<ActiveJob[]> {
  // One word per column: the database handle's camel-case plugin leaves it as it is.
  const { rows } = await sql<{ name: string; id: string; attempts: number }>`
    SELECT name, id, retry_count::int AS attempts FROM ${sql.table(jobTable)}
    WHERE state = 'active'`.execute(db);
  return rows.map((row) => ({ name: row.name, id: row.id, retryCount: row.attempts }));
}
