import { CompiledQuery, type Kysely } from "kysely";
import type { Db as IDatabase } from "pg-boss";
import type { DatabaseHandle } from "../db/kysely.ts";

/** pg-boss's `db` contract: run SQL with positional parameters and return `{ rows }`. */
export interface PgBossDb {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Lets pg-boss write through a Kysely connection or transaction. Passing the caller's
 * transaction to `send` is what makes "enqueue" atomic with the caller's own writes.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function kyselyAsPgBossDb(db: Kysely<any>): IDatabase {
  return {
    executeSql: async (text, values = []) => {
      // pg-boss reads its own column names (snake_case); our camel-case plugin stays out of it.
      const result = await db.withoutPlugins().executeQuery(CompiledQuery.raw(text, values));
      return { rows: result.rows as unknown[] };
    },
  };
}

/**
 * pg-boss's own database on PGlite: every statement goes through our dialect (its one mutex), and
 * the two optional capabilities pg-boss 12 asks of an adapter are answered from the one session:
 * - `listen`: PGlite delivers NOTIFY in-process, so a job committed by the web half of the process
 *   wakes the worker half at once (ADR 0031).
 * - `setSessionStatements`: one session for the life of the instance, so they run once (pg-boss
 *   needs it only for its test clock).
 */
export function pgliteAsPgBossDb(handle: DatabaseHandle): IDatabase {
  const db: IDatabase = {
    executeSql: async (text, values = []) => ({
      rows: (await handle.executeSql(text, values)).rows as unknown[],
    }),
    setSessionStatements: async (statements) => {
      for (const statement of statements) await handle.executeSql(statement);
    },
  };
  if (handle.listen) {
    const listen = handle.listen.bind(handle);
    db.listen = async (channel, onNotification, onReconnect) => {
      const unsubscribe = await listen(channel, onNotification);
      // No connection to lose: one "reconnect" after subscribing makes pg-boss fetch what was
      // committed before the subscription, as it does after a real reconnect.
      onReconnect();
      return { close: () => unsubscribe() };
    };
  }
  return db;
}
