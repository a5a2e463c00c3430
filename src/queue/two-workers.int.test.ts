import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { openTestDatabase } from "../../test/support/db.ts";
import { countJob } from "../../test/support/worker-process.ts";
import { silentLogger } from "../lib/logger.ts";
import { JobQueue } from "./queue.ts";

const url = process.env.TEST_DATABASE_URL;
const script = fileURLToPath(new URL("../../test/support/worker-process.ts", import.meta.url));

function startWorker(schema: string, name: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", script, url!, schema, name], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.once("data", () => resolve(child));
    child.once("exit", (code) => reject(new Error(`worker exited early with ${code}`)));
  });
}

describe.skipIf(!url)("job queue across processes [postgres]", () => {
  it("runs each committed job exactly once with two worker processes", async () => {
    const handle = await openTestDatabase({ kind: "postgres", databaseUrl: url });
    const workers: ChildProcess[] = [];
    try {
      await sql`CREATE TABLE job_runs (n int NOT NULL, worker text NOT NULL)`.execute(handle.db);
      const queue = new JobQueue(handle, [countJob], silentLogger, { databaseUrl: url });
      await queue.start();
      const total = 200;
      await handle.db.transaction().execute(async (trx) => {
        for (let n = 0; n < total; n++) await queue.enqueue(trx, countJob, { n });
      });
      await queue.stop();
      workers.push(
        ...(await Promise.all([startWorker(handle.schema, "a"), startWorker(handle.schema, "b")])),
      );

      // Wait for the workers by watching the table (bounded), not by sleeping a guessed time.
      const deadline = Date.now() + 60_000;
      let done = 0;
      while (done < total && Date.now() < deadline) {
        const { rows } = await sql<{ c: number }>`SELECT count(*)::int AS c FROM job_runs`.execute(handle.db);
        done = rows[0]!.c;
        if (done < total) await new Promise((r) => setTimeout(r, 100));
      }
      const { rows } = await sql<{ n: number; c: number }>`
        SELECT n, count(*)::int AS c FROM job_runs GROUP BY n HAVING count(*) > 1`.execute(handle.db);
      expect(rows).toEqual([]);
      expect(done).toBe(total);
    } finally {
      for (const w of workers) {
        w.stdin!.end();
        await once(w, "exit");
      }
      await handle.close();
    }
  });
});
