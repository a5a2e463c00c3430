import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { CamelCasePlugin, CompiledQuery, Kysely, PostgresDialect, sql, type Dialect } from "kysely";
import pg from "pg";
import { acquireEmbeddedLock } from "./embedded-lock.ts";
import { PGliteDialect } from "./pglite-dialect.ts";
import { openPglite, type EmbeddedSettings } from "./pglite-store.ts";
import type { DB } from "./schema/index.ts";

export type Database = Kysely<DB>;

/** What the rest of Ledgerlink knows about the store: Kysely, which backend, and how to close it. */
export interface DatabaseHandle {
  db: Database;
  kind: "pglite" | "postgres";
  /** The Postgres schema our tables (and pg-boss's) live in. */
  schema: string;
  /** Runs raw SQL with positional parameters through the same connection rules as Kysely. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /**
   * PGlite only: subscribes to a NOTIFY channel on its one in-process session (how the job queue
   * wakes a worker in the same process the moment a job commits). PostgreSQL listens through
   * pg-boss's own connection instead. Returns the unsubscribe.
   */
  listen?(channel: string, onNotification: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL; when absent, the embedded database in `dataDir`. */
  databaseUrl?: string;
  /** Directory for PGlite; `memory://` for a throw-away database (tests). */
  dataDir?: string;
  /** Postgres schema to use (tests give each file its own); `public` by default. */
  schema?: string;
  /** Settings of the embedded cluster (ADR 0039); the defaults suit the demo and tests. */
  embedded?: EmbeddedSettings;
}

export async function openDatabase(opts: OpenOptions): Promise<DatabaseHandle> {
  const schema = opts.schema ?? "public";
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Invalid schema name: ${schema}`);
  const { dialect, kind, close, listen } = opts.databaseUrl
    ? postgresDialect(opts.databaseUrl, schema)
    : await pgliteDialect(opts.dataDir ?? ".ledgerlink", opts.embedded);
  // Column names only: a JSON column's keys are data (HubSpot's property names, snake_case), and
  // renamed on the way out they no longer matched what was written (ADR 0046).
  const db = new Kysely<DB>({ dialect, plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })] });
  if (schema !== "public") await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(db);
  return {
    db,
    kind,
    schema,
    executeSql: async (text, values = []) => {
      // Raw SQL keeps its column names: pg-boss 12 looks for `pg_advisory_xact_lock` in its rows,
      // which the camel-case plugin would rename.
      const result = await db.withoutPlugins().executeQuery(CompiledQuery.raw(text, values));
      return { rows: result.rows };
    },
    ...(listen ? { listen } : {}),
    close: async () => {
      await db.destroy();
      await close();
    },
  };
}

function postgresDialect(url: string, schema: string) {
  // search_path makes unqualified names (migrations' raw SQL, pg-boss's own schema aside) land in our schema.
  const pool = new pg.Pool({ connectionString: url, max: 10, options: `-c search_path=${schema}` });
  pool.on("error", () => undefined); // idle-client errors surface on the next query instead
  const dialect: Dialect = new PostgresDialect({ pool });
  return { dialect, kind: "postgres" as const, close: async () => undefined, listen: undefined };
}

async function pgliteDialect(dataDir: string, settings?: EmbeddedSettings) {
  const inMemory = dataDir.startsWith("memory://");
  // Before PGlite touches the files: a directory another process has open is refused, not shared.
  // (The lock sits beside the directory, so it is taken before the directory even exists.)
  if (!inMemory) mkdirSync(dirname(dataDir), { recursive: true });
  const lock = inMemory ? undefined : acquireEmbeddedLock(dataDir);
  let pglite;
  try {
    pglite = await openPglite(dataDir, settings);
  } catch (error) {
    lock?.release();
    throw error;
  }
  return {
    dialect: new PGliteDialect(pglite) as Dialect,
    kind: "pglite" as const,
    // PGlite runs LISTEN on its one session; it waits for an open transaction like any query.
    listen: async (channel: string, onNotification: (payload: string) => void) =>
      pglite.listen(channel, onNotification),
    close: async () => {
      try {
        if (!pglite.closed) await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}
