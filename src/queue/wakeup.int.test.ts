import { expect, it } from "vitest";
import { z } from "zod";
import { describeEachBackend } from "../../test/support/db.ts";
import { silentLogger } from "../lib/logger.ts";
import { defineJob } from "./catalogue.ts";
import { JobQueue } from "./queue.ts";

const ping = defineJob({ name: "test-ping", payload: z.object({ n: z.number().int() }) });

/** Resolves when the handler has run job `n`; fails the test after `ms` (far below any poll here). */
function ranWithin(ran: Map<number, () => void>, n: number, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`job ${n} did not run within ${ms} ms`)), ms);
    ran.set(n, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

// ADR 0031: a committed job wakes a worker at once (LISTEN/NOTIFY; in-process on PGlite). The poll
// here is an hour, so a job that runs within seconds can only have been woken.
describeEachBackend("a committed job wakes a worker (no polling)", (db, backend) => {
  it("runs each job right after its transaction commits, with an hour-long poll", async () => {
    const queue = new JobQueue(db(), [ping], silentLogger, {
      databaseUrl: backend.databaseUrl,
      pollingIntervalSeconds: 3600,
    });
    await queue.start();
    const ran = new Map<number, () => void>();
    try {
      await queue.work({ [ping.name]: async ({ payload }) => ran.get(payload.n)?.() });
      for (let n = 1; n <= 3; n++) {
        const done = ranWithin(ran, n, 10_000);
        const sentAt = performance.now();
        await db()
          .db.transaction()
          .execute((trx) => queue.enqueue(trx, ping, { n }));
        await done;
        // Well under a second in practice; the bound only has to beat the hour-long poll.
        expect(performance.now() - sentAt).toBeLessThan(10_000);
      }
    } finally {
      await queue.stop();
    }
  }, 60_000);
});
