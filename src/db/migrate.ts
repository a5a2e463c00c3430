import { Migrator, type MigrationResultSet } from "kysely";
import type { DatabaseHandle } from "./kysely.ts";
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

/** Names of migrations not yet applied (empty when the database is current). */
export async function pendingMigrations(handle: DatabaseHandle): Promise<string[]> {
  const all = await migrator(handle).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
