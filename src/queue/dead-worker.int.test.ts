import { expect, it } from "vitest";
import { sql } from "kysely";
import { z } from "zod";
import { PgBoss } from "pg-boss";
import { describeEachBackend } from "../../test/support/db.ts";
import { jobCatalogue } from "../features/catalogue.ts";
import { systemClock } from "../lib/clock.ts";
import { silentLogger } from "../lib/logger.ts";
import { startWorker } from "../main.ts";
import { defineJob } from "./catalogue.ts";
import { pgliteAsPgBossDb } from "./pgboss-db.ts";
import { JobQueue, takeoverSeconds } from "./queue.ts";

const work = defineJob({ name: "test-held", payload: z.object({ n: z.number().int() }) });
const held = defineJob({ name: "test-released", payload: z.object({ n: z.number().int() }) });
const orphan = defineJob({ name: "test-orphaned", payload: z.object({ n: z.number().int() }) });
const revived = defineJob({ name: "test-revived", payload: z.object({ n: z.number().int() }) });

/** A promise and its resolver. */
function signal<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(what)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

it("every job in the catalogue is taken over within 60 s of its worker dying (ADR 0030)", () => {
  for (const job of jobCatalogue) expect(takeoverSeconds(job), job.name).toBeLessThanOrEqual(60);
});

describeEachBackend("a job whose worker died or stopped", (db, backend) => {
  const schema = () => `${db().schema === "public" ? "" : `${db().schema}_`}pgboss`;

  /** A pg-boss that claims jobs and is never heard from again (no settle, no beat): a worker killed. */
  const doomed = () =>
    new PgBoss({
      schema: schema(),
      backend: db().kind,
      supervise: false,
      schedule: false,
      registerInstance: false,
      ...(backend.databaseUrl
        ? { connectionString: backend.databaseUrl, max: 1 }
        : { db: pgliteAsPgBossDb(db()) }),
    });

  /** Queues one job and has a worker claim it and die (`doomed`): returns the job the dead one held. */
  async function leftByADeadWorker(job: typeof orphan, n: number) {
    const before = new JobQueue(db(), [job], silentLogger, {
      databaseUrl: backend.databaseUrl,
      background: false,
    });
    await before.start();
    await db()
      .db.transaction()
      .execute((trx) => before.enqueue(trx, job, { n }));
    await before.stop();
    const dead = doomed();
    await dead.start();
    const [claimed] = await dead.fetch(job.name);
    expect(claimed?.data).toMatchObject({ payload: { n } });
    await dead.stop({ graceful: false });
    return claimed!;
  }

  it("is handed back at once when the database's sole owner starts again (embedded, ADR 0036)", async () => {
    await leftByADeadWorker(orphan, 3);

    // The next owner: no backstop poll to speak of, and the dead claim's heartbeat has 20 s to run.
    const owner = new JobQueue(db(), [orphan], silentLogger, {
      databaseUrl: backend.databaseUrl,
      soleOwner: true,
      pollingIntervalSeconds: 3600,
    });
    const ran = signal<number>();
    await owner.start();
    try {
      const startedAt = performance.now();
      await owner.work({ [orphan.name]: async ({ retryCount }) => ran.resolve(retryCount) });
      // The same job, its second attempt.
      expect(await within(ran.promise, 5_000, "the dead owner's job was not handed back")).toBe(1);
      expect(performance.now() - startedAt).toBeLessThan(5_000);
    } finally {
      await owner.stop();
    }
  }, 30_000);

  it.skipIf(backend.kind !== "postgres")(
    "is handed back by a process as it starts, before that process takes any work (kill -9, then a new worker)",
    async () => {
      const claimed = await leftByADeadWorker(revived, 5);
      // Fetched longer ago than the grace a live worker has to take its lock.
      await sql`UPDATE ${sql.table(`${schema()}.job`)} SET started_on = now() - interval '10 seconds'
        WHERE id = ${claimed.id}`.execute(db().db);

      // No sweep interval or poll can have run: what start() did is all there is.
      const next = new JobQueue(db(), [revived], silentLogger, {
        databaseUrl: backend.databaseUrl,
        pollingIntervalSeconds: 3600,
      });
      await next.start();
      try {
        const states = (await next.countsByState()).filter((c) => c.name === revived.name);
        expect(states).toEqual([{ name: revived.name, state: "created", count: 1 }]);
      } finally {
        await next.stop();
      }
    },
    30_000,
  );

  it("is taken over by another worker at once on PostgreSQL, else once its heartbeat lapses (kill -9)", async () => {
    // Real but short time: a 10 s heartbeat (pg-boss's least) swept every second.
    const survivor = new JobQueue(db(), [work], silentLogger, {
      databaseUrl: backend.databaseUrl,
      heartbeatSeconds: 10,
      superviseIntervalSeconds: 1,
      pollingIntervalSeconds: 0.5,
    });
    await survivor.start();
    const dead = doomed();
    await dead.start();
    try {
      await db()
        .db.transaction()
        .execute((trx) => survivor.enqueue(trx, work, { n: 1 }));
      const [claimed] = await dead.fetch(work.name);
      expect(claimed?.data).toMatchObject({ payload: { n: 1 } });
      await dead.stop({ graceful: false });
      const killedAt = performance.now();

      const ran = signal<number>();
      await survivor.work({ [work.name]: async ({ retryCount }) => ran.resolve(retryCount) });
      const retryCount = await within(ran.promise, 60_000, "not taken over within 60 s");
      const seconds = (performance.now() - killedAt) / 1000;
      expect(retryCount).toBe(1); // the second attempt of the same job
      if (backend.kind === "postgres") {
        // Its worker's session is gone (it held no lock): the sweep hands it back (ADR 0044).
        expect(seconds).toBeLessThan(9);
      } else {
        expect(seconds).toBeGreaterThanOrEqual(9); // not before the heartbeat lapsed
        expect(seconds).toBeLessThan(60);
      }
    } finally {
      await survivor.stop();
    }
  }, 90_000);

  it("is released at once by a worker stopping (SIGTERM) and run by another; the stopped worker's heartbeat row goes", async () => {
    const stopping = new JobQueue(db(), [held], silentLogger, { databaseUrl: backend.databaseUrl });
    const other = new JobQueue(db(), [held], silentLogger, {
      databaseUrl: backend.databaseUrl,
      pollingIntervalSeconds: 3600, // only the release's wakeup can bring it the job in time
    });
    await stopping.start();
    await other.start();
    const started = signal();
    const stuck = signal(); // the first worker's handler outlives the grace period
    const ranElsewhere = signal<number>();
    let runs = 0;
    try {
      const worker = await startWorker(
        db(),
        stopping,
        {
          [held.name]: async () => {
            runs += 1;
            started.resolve();
            await stuck.promise;
          },
        },
        silentLogger,
        systemClock,
        { graceSeconds: 0.2 },
      );
      await db()
        .db.transaction()
        .execute((trx) => stopping.enqueue(trx, held, { n: 2 }));
      await within(started.promise, 10_000, "the first worker never took the job");
      await other.work({
        [held.name]: async ({ retryCount }) => {
          runs += 1;
          ranElsewhere.resolve(retryCount);
        },
      });

      await worker.stop();
      expect(await db().db.selectFrom("workerHeartbeats").selectAll().execute()).toEqual([]);
      await within(ranElsewhere.promise, 10_000, "the released job was not run by the other worker");
      stuck.resolve(); // the abandoned handler ends late: its attempt is gone, nothing is settled twice
      expect(runs).toBe(2);
      const counts = (await other.countsByState()).filter((c) => c.name === held.name);
      expect(counts).toEqual([{ name: held.name, state: "completed", count: 1 }]);
    } finally {
      stuck.resolve();
      await other.stop();
    }
  }, 60_000);

  it.skipIf(backend.kind !== "postgres")(
    "is left alone while its worker lives, however long it runs: the sweep finds its lock held",
    async () => {
      const slow = defineJob({ name: "test-long", payload: z.object({ n: z.number().int() }) });
      const runner = new JobQueue(db(), [slow], silentLogger, { databaseUrl: backend.databaseUrl });
      const watcher = new JobQueue(db(), [slow], silentLogger, { databaseUrl: backend.databaseUrl });
      await runner.start();
      await watcher.start();
      const finished = signal();
      let runs = 0;
      try {
        await db()
          .db.transaction()
          .execute((trx) => runner.enqueue(trx, slow, { n: 4 }));
        await runner.work({
          [slow.name]: async () => {
            runs += 1;
            // Past the fetch grace (2 s) and several sweeps of the watcher's (every second).
            await new Promise((r) => setTimeout(r, 7_000));
            finished.resolve();
          },
        });
        // The watcher only sweeps (it works no queue): a job it wrongly handed back would run twice.
        await within(finished.promise, 30_000, "the long job did not finish");
        const settled = async () => {
          for (;;) {
            const counts = (await runner.countsByState()).filter((c) => c.name === slow.name);
            if (counts.length === 1 && counts[0]!.state === "completed") return counts;
            await new Promise((r) => setTimeout(r, 200));
          }
        };
        expect(await within(settled(), 15_000, "the long job was not settled once")).toEqual([
          { name: slow.name, state: "completed", count: 1 },
        ]);
        expect(runs).toBe(1);
      } finally {
        await watcher.stop();
        await runner.stop();
      }
    },
    60_000,
  );
});
