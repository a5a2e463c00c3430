import { expect, it } from "vitest";
import { z } from "zod";
import { sql } from "kysely";
import { describeEachBackend } from "../../test/support/db.ts";
import { ManualClock } from "../lib/clock.ts";
import { silentLogger } from "../lib/logger.ts";
import { defineJob, RetryLater, type JobContext } from "./catalogue.ts";
import { JobQueue } from "./queue.ts";

// ADR 0030: a failing job is retried until it has made no progress for the stall timeout, however
// many attempts that takes; then it is failed for good (and stays visible as failed).
describeEachBackend("retries until no progress, not a fixed count", (db, backend) => {
  const MINUTE = 60_000;

  async function jobState(queue: JobQueue, name: string) {
    const counts = await queue.countsByState();
    return counts.filter((c) => c.name === name).map((c) => `${c.state}:${c.count}`);
  }

  it("keeps retrying a job that reports progress, and gives up once it stops", async () => {
    const flaky = defineJob({
      name: "test-stall",
      payload: z.object({ n: z.number() }),
      retry: { delaySeconds: 0, backoff: false },
    });
    const clock = new ManualClock();
    const queue = new JobQueue(db(), [flaky], silentLogger, {
      databaseUrl: backend.databaseUrl,
      clock,
      stallTimeoutSeconds: 600,
    });
    await queue.start();
    let attempts = 0;
    let progressing = true;
    const handlers = {
      [flaky.name]: async (ctx: JobContext<{ n: number }>) => {
        attempts += 1;
        if (progressing) await ctx.progress!();
        throw new Error("vendor answered 503");
      },
    };
    try {
      await db()
        .db.transaction()
        .execute((trx) => queue.enqueue(trx, flaky, { n: 1 }));
      // Twelve attempts, nine minutes apart, each making progress: more than any fixed limit we had.
      for (let i = 0; i < 12; i++) {
        expect(await queue.drain(handlers, 1)).toBe(1);
        clock.advance(9 * MINUTE);
      }
      expect(attempts).toBe(12);
      expect(await jobState(queue, flaky.name)).toEqual(["retry:1"]);

      // No more progress: still retried while under ten minutes since the last...
      progressing = false;
      expect(await queue.drain(handlers, 1)).toBe(1); // 9 minutes since the last progress
      expect(await jobState(queue, flaky.name)).toEqual(["retry:1"]);
      clock.advance(2 * MINUTE);
      // ...and failed for good past them: no further attempt, and its stall timer is gone.
      expect(await queue.drain(handlers, 1)).toBe(1);
      expect(await queue.drain(handlers, 1)).toBe(0);
      expect(attempts).toBe(14);
      expect(await jobState(queue, flaky.name)).toEqual(["failed:1"]);
      expect(await db().db.selectFrom("jobProgress").selectAll().execute()).toEqual([]);
    } finally {
      await queue.stop();
    }
  });

  it("starts the stall timer at the first failure, so a job deferred for long is not given up at once", async () => {
    const once = defineJob({
      name: "test-stall-first",
      payload: z.object({ n: z.number() }),
      retry: { delaySeconds: 0, backoff: false },
    });
    const clock = new ManualClock();
    const queue = new JobQueue(db(), [once], silentLogger, {
      databaseUrl: backend.databaseUrl,
      clock,
      stallTimeoutSeconds: 600,
    });
    await queue.start();
    let attempts = 0;
    try {
      await db()
        .db.transaction()
        .execute((trx) => queue.enqueue(trx, once, { n: 1 }));
      clock.advance(60 * MINUTE); // e.g. it waited an hour for a worker
      const handlers = {
        [once.name]: async () => {
          attempts += 1;
          if (attempts === 1) throw new Error("transient");
        },
      };
      expect(await queue.drain(handlers, 1)).toBe(1);
      expect(await jobState(queue, once.name)).toEqual(["retry:1"]);
      expect(await queue.drain(handlers, 1)).toBe(1);
      expect(await jobState(queue, once.name)).toEqual(["completed:1"]);
      expect(await db().db.selectFrom("jobProgress").selectAll().execute()).toEqual([]);
    } finally {
      await queue.stop();
    }
  });

  it("waits the Retry-After the handler reports before the next attempt", async () => {
    const limited = defineJob({
      name: "test-retry-after",
      payload: z.object({ n: z.number() }),
      retry: { delaySeconds: 1, backoff: false },
    });
    const queue = new JobQueue(db(), [limited], silentLogger, { databaseUrl: backend.databaseUrl });
    await queue.start();
    try {
      await db()
        .db.transaction()
        .execute((trx) => queue.enqueue(trx, limited, { n: 1 }));
      const handlers = {
        [limited.name]: async () => {
          throw new Error("429", { cause: new RetryLater("rate limited", 120_000) });
        },
      };
      expect(await queue.drain(handlers, 1)).toBe(1);
      expect(await queue.drain(handlers, 1)).toBe(0); // not due: it waits the two minutes asked for
      const schema = `${db().schema === "public" ? "" : `${db().schema}_`}pgboss`;
      const { rows } = await sql<{ wait: number }>`
        SELECT extract(epoch FROM start_after - now())::float AS wait
        FROM ${sql.table(`${schema}.job`)} WHERE name = ${limited.name}`.execute(db().db);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.wait).toBeGreaterThan(100);
      expect(rows[0]!.wait).toBeLessThanOrEqual(121);
    } finally {
      await queue.stop();
    }
  });
});
