// A worker in its own process, for tests that need several (exactly-once across processes).
// argv: <databaseUrl> <schema> <workerName>. Stops when its stdin closes.
import { z } from "zod";
import { sql } from "kysely";
import { openDatabase } from "../../src/db/kysely.ts";
import { silentLogger } from "../../src/lib/logger.ts";
import { defineJob } from "../../src/queue/catalogue.ts";
import { JobQueue } from "../../src/queue/queue.ts";

export const countJob = defineJob({ name: "test-count", payload: z.object({ n: z.number().int() }) });

const [databaseUrl, schema, worker] = process.argv.slice(2);
if (databaseUrl && schema && worker) {
  const handle = await openDatabase({ databaseUrl, schema });
  const queue = new JobQueue(handle, [countJob], silentLogger, { databaseUrl, pollingIntervalSeconds: 0.5 });
  await queue.start();
  await queue.work(
    {
      [countJob.name]: async ({ payload }) => {
        await sql`INSERT INTO job_runs (n, worker) VALUES (${payload.n}, ${worker})`.execute(handle.db);
      },
    },
    { batchSize: 5 },
  );
  process.stdout.write("ready\n");
  process.stdin.resume();
  process.stdin.on("end", () => {
    queue
      .stop()
      .then(() => handle.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`${String(error)}\n`);
          process.exit(1);
        },
      );
  });
}
