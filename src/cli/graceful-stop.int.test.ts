import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { sql } from "kysely";
import { recordingIO } from "../../test/support/cli.ts";
import { openDatabase } from "../db/kysely.ts";
import { generateSecretKey } from "../lib/crypto.ts";
import { silentLogger } from "../lib/logger.ts";
import { JobQueue } from "../queue/queue.ts";
import { defineJob } from "../queue/catalogue.ts";
import { runCli } from "./run.ts";

// The draining worker's job, declared again: importing that script would run it in this process.
const slowJob = defineJob({ name: "test-slow", payload: z.object({ n: z.number().int() }) });
const worker = fileURLToPath(new URL("../../test/support/draining-worker.ts", import.meta.url));
const cli = fileURLToPath(new URL("./main.ts", import.meta.url));

/** Every line a child writes, and a way to wait (bounded by the test's timeout) for one. */
function watch(child: ChildProcess) {
  const lines: { stream: "out" | "err"; text: string }[] = [];
  const waiters: Array<() => void> = [];
  for (const [stream, input] of [
    ["out", child.stdout!],
    ["err", child.stderr!],
  ] as const) {
    createInterface({ input }).on("line", (text) => {
      lines.push({ stream, text });
      for (const w of waiters.splice(0)) w();
    });
  }
  const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  return {
    lines,
    exited,
    async waitFor(test: (text: string) => boolean): Promise<string> {
      for (;;) {
        const found = lines.find((l) => test(l.text));
        if (found) return found.text;
        const more = new Promise<void>((resolve) => waiters.push(resolve));
        const ended = exited.then(([code, signal]) => {
          const wrote = lines.map((l) => l.text).join("\n");
          throw new Error(`exited (code ${code}, signal ${signal}) before the line; it wrote:\n${wrote}`);
        });
        await Promise.race([more, ended]);
      }
    },
  };
}

describe("SIGTERM drains a worker (a real process, embedded database)", () => {
  it("takes no new job, finishes the one in flight, removes its heartbeat and exits 0", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "ll-drain-")), "db");
    const child = spawn(process.execPath, ["--import", "tsx", worker, dataDir], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    const io = watch(child);
    try {
      const ready = await io.waitFor((l) => l.startsWith("ready "));
      expect(ready).toMatch(/^ready [0-9a-zA-Z_-]+$/); // its heartbeat row is there while it works
      // Either job may come first (same transaction); the other must never start.
      const started = Number((await io.waitFor((l) => l.startsWith("job started "))).split(" ")[2]);

      child.kill("SIGTERM");
      await io.waitFor((l) => l === "stopping");
      child.stdin!.write("finish\n"); // the job in flight completes during the grace period
      const [code] = await io.exited;
      expect(code).toBe(0);
      expect(io.lines.filter((l) => l.text.startsWith("job started"))).toHaveLength(1);

      const handle = await openDatabase({ dataDir });
      try {
        const done = await sql<{ n: number }>`SELECT n FROM test_jobs_done ORDER BY n`.execute(handle.db);
        expect(done.rows).toEqual([{ n: started }]);
        expect(await handle.db.selectFrom("workerHeartbeats").selectAll().execute()).toEqual([]);
      } finally {
        await handle.close();
      }
      const status = recordingIO({ LEDGERLINK_DATA_DIR: join(dataDir, "..") });
      expect(await runCli(["status"], status.io)).toBe(0);
      expect(status.text()).toContain("Workers alive: 0");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  }, 300_000);
});

describe("SIGTERM releases what a worker cannot finish in its grace period (ADR 0030)", () => {
  it("gives the job in flight back to the queue (not failed), removes its heartbeat and exits 0", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "ll-release-")), "db");
    const child = spawn(process.execPath, ["--import", "tsx", worker, dataDir, "0.5"], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    const io = watch(child);
    try {
      await io.waitFor((l) => l.startsWith("ready "));
      const started = Number((await io.waitFor((l) => l.startsWith("job started "))).split(" ")[2]);
      child.kill("SIGTERM"); // and never "finish": the handler outlives the half-second grace
      const [code] = await io.exited;
      expect(code).toBe(0);

      const handle = await openDatabase({ dataDir });
      try {
        const queue = new JobQueue(handle, [slowJob], silentLogger, { background: false });
        await queue.start();
        const states = await queue.countsByState();
        await queue.stop();
        // Both jobs wait for the next worker: the released one was not counted as a failure.
        expect(states).toEqual([{ name: slowJob.name, state: "created", count: 2 }]);
        const done = await sql<{ n: number }>`SELECT n FROM test_jobs_done`.execute(handle.db);
        expect(done.rows).toEqual([]);
        expect(started).toBeGreaterThan(0);
        expect(await handle.db.selectFrom("workerHeartbeats").selectAll().execute()).toEqual([]);
      } finally {
        await handle.close();
      }
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  }, 300_000);
});

describe("SIGTERM stops serve (the real CLI, NODE_ENV=production)", () => {
  it("logs only JSON, stops accepting connections and exits 0", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "ll-serve-"));
    const child = spawn(process.execPath, ["--import", "tsx", cli, "serve", "--embedded"], {
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        LOG_FORMAT: "",
        PORT: "0",
        LEDGERLINK_DATA_DIR: dataDir,
        LEDGERLINK_SECRET_KEY: generateSecretKey(),
        DATABASE_URL: "",
      },
    });
    const io = watch(child);
    try {
      const listening = JSON.parse(await io.waitFor((l) => l.includes("Ledgerlink web listening"))) as {
        port: number;
      };
      const url = `http://127.0.0.1:${listening.port}/healthz`;
      expect((await fetch(url)).status).toBe(200);

      child.kill("SIGTERM");
      const [code] = await io.exited;
      expect(code).toBe(0);
      await expect(fetch(url)).rejects.toThrow();
      expect(io.lines.length).toBeGreaterThan(0);
      for (const line of io.lines)
        expect(() => JSON.parse(line.text), `${line.stream}: ${line.text}`).not.toThrow();
      expect(io.lines.map((l) => (JSON.parse(l.text) as { msg: string }).msg)).toContain("stopped");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  }, 300_000);
});
