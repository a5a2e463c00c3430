import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import { sql } from "kysely";
import { dropSchemas, testBackends, whileOthersDrop } from "../../test/support/db.ts";
import { openDatabase, type DatabaseHandle } from "../db/kysely.ts";
import { pendingMigrations, underMigrationLock } from "../db/migrate.ts";
import { jobCatalogue } from "../features/catalogue.ts";
import { silentLogger } from "../lib/logger.ts";
import { prepareDatabase } from "../main.ts";
import { JobQueue } from "./queue.ts";

// ADR 0030: serve, worker and migrate processes starting at the same moment on an empty database
// take turns under one advisory lock. Each start here has its own pool, as a process would.
for (const backend of testBackends()) {
  const starts = backend.kind === "postgres" ? 6 : 1; // PGlite: one process owns its directory
  it(`${starts} concurrent starts on an empty database all succeed [${backend.kind}]`, async () => {
    const schema = `t_${randomBytes(6).toString("hex")}`;
    // Opened one by one: each open creates the test's schema, which production (public) never does.
    const handles: DatabaseHandle[] = [];
    for (let i = 0; i < starts; i++)
      handles.push(await openDatabase({ databaseUrl: backend.databaseUrl, dataDir: "memory://", schema }));
    const queues = handles.map(
      (handle, i) =>
        new JobQueue(handle, jobCatalogue, silentLogger, {
          databaseUrl: backend.databaseUrl,
          background: i % 2 === 0, // a mix of serve/worker (timers on) and migrate (off)
        }),
    );
    try {
      // Kysely's migrator lists every schema on the server; another test file dropping its own at
      // that moment is the harness's race (test/support/db.ts), not this one: that start tries again.
      const start = (i: number) =>
        whileOthersDrop(schema, () => prepareDatabase(handles[i]!, queues[i]!, {}));
      const results = await Promise.allSettled(handles.map((_, i) => start(i)));
      expect(results.filter((r) => r.status === "rejected")).toEqual([]);
      const applied = results.map((r) => (r.status === "fulfilled" ? r.value.length : -1));
      expect(applied.filter((n) => n > 0)).toHaveLength(1); // one migrated, the others found it done
      expect(await pendingMigrations(handles[0]!)).toEqual([]);
      const depth = await queues[0]!.depth();
      expect(depth.map((d) => d.name).sort()).toEqual(jobCatalogue.map((j) => j.name).sort());
      const { rows } = await sql<{ ok: number }>`SELECT 1 AS ok`.execute(handles[starts - 1]!.db);
      expect(rows).toEqual([{ ok: 1 }]);
    } finally {
      for (const q of queues) await q.stop();
      for (const h of handles) await h.close();
      if (backend.databaseUrl) await dropSchemas(backend.databaseUrl, [schema, `${schema}_pgboss`]);
    }
  }, 120_000);
}

const url = process.env.TEST_DATABASE_URL;
it.skipIf(!url)(
  "a start waits while another process holds the migration lock [postgres]",
  async () => {
    const schema = `t_${randomBytes(6).toString("hex")}`;
    const holder = await openDatabase({ databaseUrl: url, schema });
    const starter = await openDatabase({ databaseUrl: url, schema });
    const queue = new JobQueue(starter, jobCatalogue, silentLogger, { databaseUrl: url, background: false });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    try {
      const holding = underMigrationLock(holder, () => held);
      let prepared = false;
      // The same race as above can meet this start too.
      const starting = whileOthersDrop(schema, () => prepareDatabase(starter, queue, {})).then(
        () => (prepared = true),
      );
      // Bounded by the test's timeout: wait until the second start is seen waiting for the lock.
      for (;;) {
        const { rows } = await sql<{ waiting: number }>`
        SELECT count(*)::int AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`.execute(
          holder.db,
        );
        if (rows[0]!.waiting > 0) break;
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(prepared).toBe(false);
      expect(await pendingMigrations(holder)).not.toEqual([]); // nothing ran while it waited
      release();
      await holding;
      await starting;
      expect(prepared).toBe(true);
      expect(await pendingMigrations(starter)).toEqual([]);
    } finally {
      release();
      await queue.stop();
      await holder.close();
      await starter.close();
      await dropSchemas(url!, [schema, `${schema}_pgboss`]);
    }
  },
  120_000,
);
