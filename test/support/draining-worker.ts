// A worker in its own process on an embedded database, for the graceful-stop test.
// argv: <dataDir> [graceSeconds, default 60]. Enqueues two slow jobs, works them one at a time with Ledgerlink's own worker
// start (main.ts) and the CLI's signal handling; the first job's handler says "job started <n>"
// and finishes only when the parent writes "finish" on stdin, so the parent can send SIGTERM
// while the job is in flight.
import { createInterface } from "node:readline";
import { z } from "zod";
import { sql } from "kysely";
import { processIO } from "../../src/cli/process-io.ts";
import { openDatabase } from "../../src/db/kysely.ts";
import { liveWorkers } from "../../src/db/instance.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";
import { systemClock } from "../../src/lib/clock.ts";
import { silentLogger } from "../../src/lib/logger.ts";
import { startWorker } from "../../src/main.ts";
import { defineJob } from "../../src/queue/catalogue.ts";
import { JobQueue } from "../../src/queue/queue.ts";

export const slowJob = defineJob({ name: "test-slow", payload: z.object({ n: z.number().int() }) });

const [dataDir, grace] = process.argv.slice(2);
if (dataDir) {
  const lines = createInterface({ input: process.stdin });
  const finish = new Promise<void>((resolve) => lines.on("line", (l) => l === "finish" && resolve()));
  const database = await openDatabase({ dataDir });
  await migrateToLatest(database);
  await sql`CREATE TABLE IF NOT EXISTS test_jobs_done (n int NOT NULL)`.execute(database.db);
  const queue = new JobQueue(database, [slowJob], silentLogger, { pollingIntervalSeconds: 0.5 });
  await queue.start();
  await database.db.transaction().execute(async (trx) => {
    await queue.enqueue(trx, slowJob, { n: 1 });
    await queue.enqueue(trx, slowJob, { n: 2 });
  });
  const handlers = {
    [slowJob.name]: async ({ payload }: { payload: unknown }) => {
      const { n } = slowJob.payload.parse(payload);
      process.stdout.write(`job started ${n}\n`);
      await finish;
      await sql`INSERT INTO test_jobs_done (n) VALUES (${n})`.execute(database.db);
    },
  };
  const worker = await startWorker(database, queue, handlers, silentLogger, systemClock, {
    graceSeconds: grace ? Number(grace) : 60,
  });
  const beats = await liveWorkers(database.db, systemClock);
  // Listen for the signal before saying "ready": the test sends it as soon as it reads the line.
  const stopped = processIO.untilStopped();
  process.stdout.write(`ready ${beats.map((b) => b.workerId).join(",")}\n`);
  await stopped;
  process.stdout.write("stopping\n");
  await worker.stop();
  await database.close();
  process.exit(0);
}
