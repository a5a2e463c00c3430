import type { PGlite, Transaction as PGliteTransaction } from "@electric-sql/pglite";
import type { CompiledQuery } from "kysely";
import {
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from "kysely";
import { Mutex } from "../lib/mutex.ts";

/**
 * Kysely on PGlite with exactly one logical connection. PGlite is a single Postgres backend:
 * two interleaved transactions would share one session, so a query issued while another
 * transaction is open would silently run inside it. Here every acquisition takes a mutex, and
 * a transaction holds it until it ends, so an outside query waits instead of joining.
 * Transactions run inside PGlite's exclusive `transaction()`.
 * (Kysely's own PGlite dialect needs Node 22; see docs/adr/0002.)
 */
export class PGliteDialect implements Dialect {
  readonly mutex = new Mutex();
  constructor(private readonly pglite: PGlite) {}

  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pglite, this.mutex);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class PGliteDriver implements Driver {
  constructor(
    private readonly pglite: PGlite,
    private readonly mutex: Mutex,
  ) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.mutex.lock();
    return new PGliteConnection(this.pglite, release);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PGliteConnection).begin();
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PGliteConnection).end("commit");
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PGliteConnection).end("rollback");
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as PGliteConnection).release();
  }
  async destroy(): Promise<void> {}
}

const ROLLBACK = Symbol("rollback");

class PGliteConnection implements DatabaseConnection {
  #tx: PGliteTransaction | undefined;
  #finish: ((outcome: "commit" | "rollback") => void) | undefined;
  #done: Promise<unknown> | undefined;

  constructor(
    private readonly pglite: PGlite,
    readonly release: () => void,
  ) {}

  begin(): Promise<void> {
    return new Promise((started, failed) => {
      this.#done = this.pglite
        .transaction(
          (tx) =>
            new Promise((resolve, reject) => {
              this.#tx = tx;
              this.#finish = (outcome) => (outcome === "commit" ? resolve(undefined) : reject(ROLLBACK));
              started();
            }),
        )
        .catch((error: unknown) => {
          if (error !== ROLLBACK) {
            failed(error);
            throw error;
          }
        });
    });
  }

  async end(outcome: "commit" | "rollback"): Promise<void> {
    const finish = this.#finish;
    this.#finish = undefined;
    finish?.(outcome);
    try {
      await this.#done;
    } finally {
      this.#tx = undefined;
      this.#done = undefined;
    }
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const target = this.#tx ?? this.pglite;
    if (compiled.parameters.length === 0 && hasSeveralStatements(compiled.sql)) {
      // Multi-statement scripts (pg-boss's schema migrations and maintenance batches) need the
      // simple protocol. Every statement's rows are returned, as pg returns a result per statement:
      // pg-boss 12's maintenance reads its cursor row from whichever statement produced it.
      const results = await target.exec(compiled.sql);
      const last = results.at(-1);
      const rows = results.flatMap((r) => r.rows) as R[];
      return { rows, numAffectedRows: affected(last?.affectedRows) };
    }
    const result = await target.query<R>(compiled.sql, [...compiled.parameters]);
    return { rows: result.rows, numAffectedRows: affected(result.affectedRows) };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("Streaming is not supported on the embedded database");
  }
}

function affected(n: number | undefined): bigint | undefined {
  return n === undefined ? undefined : BigInt(n);
}

function hasSeveralStatements(sql: string): boolean {
  return sql.replace(/;\s*$/, "").includes(";");
}
