import { CompiledQuery, type Kysely } from "kysely";

/** pg-boss's `db` contract: run SQL with positional parameters and return `{ rows }`. */
export interface PgBossDb {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Lets pg-boss write through a Kysely connection or transaction. Passing the caller's
 * transaction to `send` is what makes "enqueue" atomic with the caller's own writes.
 */
export function kyselyAsPgBossDb(db: Kysely<unknown>): PgBossDb {
  return {
    executeSql: async (text, values = []) => {
      const result = await db.executeQuery(CompiledQuery.raw(text, values));
      return { rows: result.rows };
    },
  };
}
