import { expect, it } from "vitest";
import { z } from "zod";
import { sql } from "kysely";
import { describeEachBackend } from "../../test/support/db.ts";
import { silentLogger } from "../lib/logger.ts";
import { defineJob } from "./catalogue.ts";
import { JobQueue } from "./queue.ts";

const record = defineJob({ name: "test-record", payload: z.object({ tag: z.string() }) });

describeEachBackend("job queue", (db, backend) => {
  const ran: string[] = [];
  const handlers = {
    [record.name]: async ({ payload }: { payload: { tag: string } }) => {
      ran.push(payload.tag);
    },
  };

  it("never runs a job whose transaction rolled back, runs a committed one exactly once", async () => {
    const queue = new JobQueue(db(), [record], silentLogger, { databaseUrl: backend.databaseUrl });
    await queue.start();
    try {
      await expect(
        db()
          .db.transaction()
          .execute(async (trx) => {
            await queue.enqueue(trx, record, { tag: "rolled-back" });
            throw new Error("abort");
          }),
      ).rejects.toThrow("abort");
      await db()
        .db.transaction()
        .execute(async (trx) => {
          await queue.enqueue(trx, record, { tag: "committed" });
        });
      expect(await queue.drain(handlers)).toBe(1);
      expect(await queue.drain(handlers)).toBe(0);
      expect(ran).toEqual(["committed"]);
    } finally {
      await queue.stop();
    }
  });

  it("refuses a payload that does not match the job's schema, and enqueues nothing", async () => {
    const queue = new JobQueue(db(), [record], silentLogger, { databaseUrl: backend.databaseUrl });
    await queue.start();
    try {
      await expect(
        db()
          .db.transaction()
          .execute((trx) => queue.enqueue(trx, record, { tag: 42 } as never)),
      ).rejects.toThrow();
      expect(await queue.drain(handlers)).toBe(0);
    } finally {
      await queue.stop();
    }
  });

  it("keeps one queued job per singleton key", async () => {
    const pull = defineJob({
      name: "test-pull",
      payload: z.object({ realm: z.string() }),
      singletonKey: (p) => p.realm,
    });
    const queue = new JobQueue(db(), [pull], silentLogger, { databaseUrl: backend.databaseUrl });
    await queue.start();
    const seen: string[] = [];
    try {
      await db()
        .db.transaction()
        .execute(async (trx) => {
          await queue.enqueue(trx, pull, { realm: "1" });
          await queue.enqueue(trx, pull, { realm: "1" });
          await queue.enqueue(trx, pull, { realm: "2" });
        });
      await queue.drain({ [pull.name]: async ({ payload }) => void seen.push(payload.realm) });
      expect(seen.sort()).toEqual(["1", "2"]);
    } finally {
      await queue.stop();
    }
  });

  it("retries a failed job and parses the payload before the handler", async () => {
    const flaky = defineJob({
      name: "test-flaky",
      payload: z.object({ n: z.number() }),
      retry: { limit: 2, delaySeconds: 0, backoff: false },
    });
    const queue = new JobQueue(db(), [flaky], silentLogger, { databaseUrl: backend.databaseUrl });
    await queue.start();
    let attempts = 0;
    try {
      await db()
        .db.transaction()
        .execute((trx) => queue.enqueue(trx, flaky, { n: 1 }));
      const handler = {
        [flaky.name]: async ({ payload }: { payload: { n: number } }) => {
          attempts += 1;
          expect(payload.n).toBe(1);
          if (attempts < 2) throw new Error("transient");
        },
      };
      await queue.drain(handler);
      await queue.drain(handler);
      expect(attempts).toBe(2);
      const { rows } = await sql<{ n: number }>`SELECT 1 AS n`.execute(db().db);
      expect(rows).toHaveLength(1);
    } finally {
      await queue.stop();
    }
  });
});
