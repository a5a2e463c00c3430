import type { Database } from "../../../db/kysely.ts";

/**
 * Runs `work` in one database transaction: everything it writes (and the jobs it enqueues with the
 * same handle) commits together or not at all.
 */
export function inTransaction<T>(db: Database, work: (trx: Database) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}
