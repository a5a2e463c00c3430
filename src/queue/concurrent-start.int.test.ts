import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import { sql } from "kysely";
import { dropSchemas, testBackends } from "../../test/support/db.ts";
import { openDatabase } from "../db/kysely.ts";
import { pendingMigrations } from "../db/migrate.ts";
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
    const handles = [];
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
      const results = await Promise.allSettled(handles.map((h, i) => prepareDatabase(h, queues[i]!, {})));
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
