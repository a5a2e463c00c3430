import { Migrator, type MigrationResultSet } from "kysely";
import type { DatabaseHandle } from "./kysely.ts";
import { migrations } from "./migrations/index.ts";

function migrator(handle: DatabaseHandle): Migrator {
  return new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => Object.fromEntries(migrations) },
    migrationTableSchema: handle.schema,
  });
}

/** Applies every pending migration; throws with the failing migration's name and error. */
export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  const result: MigrationResultSet = await migrator(handle).migrateToLatest();
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
