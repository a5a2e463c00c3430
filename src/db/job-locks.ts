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

/** True when no session holds the job's lock; tried with a transaction-scoped lock, let go at once. */
export function jobLockIsFree(db: Database, jobId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const res = await sql<{ free: boolean }>`
      SELECT pg_try_advisory_xact_lock(${HELD_LOCK}, hashtext(${jobId})) AS free`.execute(trx);
    return res.rows[0]?.free === true;
  });
}

/** Jobs pg-boss holds as running, fetched at least `fetchedSecondsAgo` ago. */
export async function activeJobs(
  db: Database,
  jobTable: string,
  fetchedSecondsAgo = 0,
): Promise<ActiveJob[]> {
  // One word per column: the database handle's camel-case plugin leaves it as it is.
  const { rows } = await sql<{ name: string; id: string; attempts: number }>`
    SELECT name, id, retry_count::int AS attempts FROM ${sql.table(jobTable)}
    WHERE state = 'active' AND started_on <= now() - make_interval(secs => ${fetchedSecondsAgo})`.execute(db);
  return rows.map((row) => ({ name: row.name, id: row.id, retryCount: row.attempts }));
}
