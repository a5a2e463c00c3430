import { DEFAULT_MIGRATION_TABLE, Migrator, sql, type MigrationResultSet } from "kysely";
import type { Database, DatabaseHandle } from "./kysely.ts";
import { migrationsFor, type MigrationContext } from "./migrations/index.ts";

function migrator(handle: DatabaseHandle, ctx: MigrationContext = {}): Migrator {
  return new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => Object.fromEntries(migrationsFor(ctx)) },
    migrationTableSchema: handle.schema,
  });
}

/**
 * Applies every pending migration; throws with the failing migration's name and error. `ctx.secrets`
 * is the box that seals OAuth tokens, for migrations that seal data at rest.
 */
export async function migrateToLatest(handle: DatabaseHandle, ctx: MigrationContext = {}): Promise<string[]> {
  const result: MigrationResultSet = await migrator(handle, ctx).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`Migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
  return (result.results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/**
 * Names of migrations not yet applied (empty when the database is current), read from this schema's
 * own migration table. Kysely's `getMigrations()` lists the tables of every schema on the server
 * and failed when another schema was dropped meanwhile; the health check and the home page ask
 * this often, and a test server drops schemas all the time.
 */
export async function pendingMigrations(handle: DatabaseHandle): Promise<string[]> {
  const found = await sql<{ table: string | null }>`
    SELECT to_regclass(${`"${handle.schema}"."${DEFAULT_MIGRATION_TABLE}"`})::text AS table`.execute(
    handle.db,
  );
  const applied = found.rows[0]?.table
    ? await sql<{
        name: string;
      }>`SELECT name FROM ${sql.table(`${handle.schema}.${DEFAULT_MIGRATION_TABLE}`)}`.execute(handle.db)
    : { rows: [] };
  const done = new Set(applied.rows.map((row) => row.name));
  return migrationsFor({})
    .map(([name]) => name)
    .filter((name) => !done.has(name));
}

/** The advisory lock's first key: "Ledgerlink migrations"; the second is the schema's hash. */
const MIGRATION_LOCK = 0x4c4c4d47;

/**
 * Runs `prepare` (our migrations, then pg-boss's schema and queues) holding one PostgreSQL advisory
 * lock per schema, so any number of `serve`, `worker` and `migrate` processes starting together on
 * an empty database prepare it one after another instead of deadlocking (ADR 0030). The lock is
 * held by one session for the whole of `prepare`, which does its work on other connections.
 * PGlite takes the same lock on its one session, where nothing else can wait for it.
 */
export async function underMigrationLock<T>(handle: DatabaseHandle, prepare: () => Promise<T>): Promise<T> {
  const run = async (session: Database) => {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK}, hashtext(${handle.schema}))`.execute(session);
    try {
      return await prepare();
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK}, hashtext(${handle.schema}))`.execute(session);
    }
  };
  // On PGlite a held connection would hold its one mutex, and `prepare` could never run.
  return handle.kind === "pglite" ? run(handle.db) : handle.db.connection().execute(run);
}
