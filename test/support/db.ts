import { afterAll, beforeAll, describe } from "vitest";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type DatabaseHandle } from "../../src/db/kysely.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";

export interface TestBackend {
  kind: "pglite" | "postgres";
  databaseUrl?: string;
}

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export function testBackends(): TestBackend[] {
  const url = process.env.TEST_DATABASE_URL;
  return [{ kind: "pglite" }, ...(url ? [{ kind: "postgres" as const, databaseUrl: url }] : [])];
}

/** A fresh, migrated database: in memory on PGlite, a new schema on PostgreSQL (dropped after). */
export async function openTestDatabase(backend: TestBackend): Promise<DatabaseHandle> {
  const schema = backend.databaseUrl ? `t_${randomBytes(6).toString("hex")}` : "public";
  const handle = await openDatabase({ databaseUrl: backend.databaseUrl, dataDir: "memory://", schema });
  await migrateWhileOthersDrop(handle, schema);
  if (!backend.databaseUrl) return handle;
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await dropSchemas(backend.databaseUrl!, [schema, `${schema}_pgboss`]);
    },
  };
}

/**
 * Kysely's migrator looks for its table by listing the tables of every schema on the server; when
 * another test file drops its own schema at that moment, PostgreSQL answers `schema "t_…" does not
 * exist` (or `relation "t_….table" does not exist`) for the other file's schema. That race exists only between test files sharing one server,
 * so the test harness retries it; a failure naming our own schema, or any other error, is real.
 */
async function migrateWhileOthersDrop(handle: DatabaseHandle, own: string): Promise<void> {
  await whileOthersDrop(own, () => migrateToLatest(handle));
}

/** Runs `fn` (a start that lists every schema), again when it met the race above; up to 5 tries. */
export async function whileOthersDrop<T>(own: string, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!droppedByAnotherFile(error, own) || attempt >= 5) throw error;
    }
  }
}

/** Whether `error` is the race above: a missing schema or relation of another test file, not ours. */
export function droppedByAnotherFile(error: unknown, own: string): boolean {
  const other = /(?:schema "|relation ")(t_[0-9a-f]+(?:_pgboss)?)(?:\.[^"]*)?" does not exist/.exec(
    String(error),
  )?.[1];
  return Boolean(other && !other.startsWith(own));
}

export async function dropSchemas(url: string, schemas: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * Runs the same suite on every backend. `get()` returns the database opened for the current
 * backend's block; each block gets its own.
 */
export function describeEachBackend(
  name: string,
  suite: (get: () => DatabaseHandle, backend: TestBackend) => void,
): void {
  for (const backend of testBackends()) {
    describe(`${name} [${backend.kind}]`, () => {
      let handle: DatabaseHandle | undefined;
      beforeAll(async () => {
        handle = await openTestDatabase(backend);
      });
      afterAll(async () => {
        await handle?.close();
      });
      suite(() => handle!, backend);
    });
  }
}
