/**
 * `npm start`'s footprint at rest: the demo (`node bin/ledgerlink.js demo`) started in a child
 * process on a fresh data directory and free ports, left alone once it says it is running, then the
 * resident memory of its whole process tree summed (Linux /proc). The highest of a few samples.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

export interface DemoMemoryFigure {
  rssMb: number;
  processes: number;
  startMs: number;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

/** The pid and every descendant, from /proc's children lists. */
function tree(pid: number): number[] {
  const kids = (() => {
    try {
      return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
        readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").split(/\s+/).filter(Boolean).map(Number),
      );
    } catch {
      return [];
    }
  })();
  return [pid, ...kids.flatMap(tree)];
}

function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export async function benchDemoMemory(restMs = 5000): Promise<DemoMemoryFigure> {
  const dir = mkdtempSync(join(tmpdir(), "ledgerlink-demo-memory-"));
  const [port, hubspot, qbo] = [await freePort(), await freePort(), await freePort()];
  const t0 = performance.now();
  const child = spawn(process.execPath, ["bin/ledgerlink.js", "demo"], {
    env: {
      ...process.env,
      DATABASE_URL: "",
      LEDGERLINK_DATA_DIR: dir,
      PORT: String(port),
      PUBLIC_URL: "",
      DEMO_HUBSPOT_PORT: String(hubspot),
      DEMO_QBO_PORT: String(qbo),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      lines.on("line", (line) => {
        if (line.startsWith("Ledgerlink demo running")) resolve();
      });
      child.once("exit", (code) => reject(new Error(`the demo exited with ${code} before it was up`)));
    });
    const startMs = performance.now() - t0;
    child.stdout!.resume();
    let peak = 0;
    let processes = 0;
    for (let waited = 0; waited < restMs; waited += 500) {
      await new Promise((r) => setTimeout(r, 500));
      const pids = tree(child.pid!);
      const kb = pids.reduce((sum, pid) => sum + rssKb(pid), 0);
      if (kb > peak) [peak, processes] = [kb, pids.length];
    }
    return { rssMb: peak / 1024, processes, startMs };
  } finally {
    // The demo stops cleanly on SIGTERM; its group includes any child it started.
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      /* already gone */
    }
    await new Promise((r) => (child.exitCode === null ? child.once("exit", r) : r(undefined)));
    rmSync(dir, { recursive: true, force: true });
  }
}
