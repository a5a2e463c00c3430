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

const flaky = defineJob({
  name: "test-flaky",
  payload: z.object({ n: z.number().int() }),
  retry: { delaySeconds: 1, backoff: false },
});

// A retry coming due sends no NOTIFY: the worker that scheduled it looks again when it is due.
describeEachBackend("a retried job is run when its delay is over (no polling)", (db, backend) => {
  it("reruns a failed job about a second later, with an hour-long poll", async () => {
    const queue = new JobQueue(db(), [flaky], silentLogger, {
      databaseUrl: backend.databaseUrl,
      pollingIntervalSeconds: 3600,
    });
    await queue.start();
    const attempts: number[] = [];
    const ran = new Map<number, () => void>();
    try {
      await queue.work({
        [flaky.name]: async ({ payload, retryCount }) => {
          attempts.push(performance.now());
          if (retryCount === 0) throw new Error("a vendor fault");
          ran.get(payload.n)?.();
        },
      });
      const done = ranWithin(ran, 1, 10_000);
      await db()
        .db.transaction()
        .execute((trx) => queue.enqueue(trx, flaky, { n: 1 }));
      await done;
      expect(attempts).toHaveLength(2);
      const gap = attempts[1]! - attempts[0]!;
      expect(gap).toBeGreaterThanOrEqual(900); // its delay was kept
      expect(gap).toBeLessThan(5_000); // and not the backstop poll's
    } finally {
      await queue.stop();
    }
  }, 60_000);
});
