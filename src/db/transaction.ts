import type { Database } from "./kysely.ts";

/**
 * Runs `work` in one database transaction: everything it writes, and every job it enqueues with the
 * same handle, commits together or not at all. Services call this rather than Kysely's builder, so
 * they name the unit of work without writing SQL.
 */
export function inTransaction<T>(db: Database, work: (trx: Database) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}
