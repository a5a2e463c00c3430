import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateSecretKey } from "../../src/lib/crypto.ts";
import { seeded, startFaultPump } from "./fault-pump.ts";
import { startEmulatorHost, startRole, type Backend, type Running } from "./processes.ts";
import type { Scenario } from "./scenarios.ts";
import { createDatabase, dropDatabase, seedAndQueue } from "./seed.ts";
import { control, tally, vendorReader, wroteSince } from "./vendors.ts";

export interface RunOptions {
  backend: "postgres" | "pglite";
  /** The PostgreSQL server; each run gets a database of its own on it. */
  serverUrl: string;
  records: number;
  faultRate: number;
  /** The statuses a fault is drawn from (default 429, 500, 503). */
  faultStatuses?: readonly number[];
  seed: number;
  timeoutMs: number;
  /** Override the scenario's kills (0 for its fault-free baseline). */
  kills?: number;
  tokenExpiry?: boolean;
  log?: (line: string) => void;
}

export interface RunResult {
  scenario: string;
  backend: "postgres" | "pglite";
  faults: number;
  kills: number;
  expected: number;
  created: number;
  lost: number;
  duplicated: number;
  wallMs: number;
  /** Longest time from a kill to the next record the vendors show; undefined without kills. */
  resumeMs?: number;
  /** All the time from kills to the next record, added up (overlapping kills counted once). */
  stillMs: number;
  timedOut: boolean;
}

let runs = 0;
const POLL_MS = 1000;
/**
 * How often the run's end is looked for. The wall time is known to a poll, so a second's poll
 * moved a 12 s run's ratio by up to 0.08; a quarter second costs one read a poll where the records
 * fit a page or ten, and the bulk rows (12,000 contacts, 120 reads a poll) keep the second.
 */
const pollMsFor = (expected: number) => (expected <= 1000 ? 250 : POLL_MS);
const SETTLE_MS = 3000;

/**
 * One run: emulators in their own process, the work queued, then `serve` (PostgreSQL only: the
 * embedded database has one owner, the worker) and the workers as real processes. Faults are
 * pumped in, workers are SIGKILLed at seeded random moments and replaced, and the vendors' state
 * is polled until every expected record is there and nothing has changed for a few seconds, or
 * the time-out. Lost and duplicated are counted from that state only.
 */
export async function runScenario(scenario: Scenario, opts: RunOptions): Promise<RunResult> {
  const log = opts.log ?? (() => undefined);
  const kills = opts.kills ?? scenario.kills;
  const tokenExpiry = opts.tokenExpiry ?? scenario.tokenExpiry ?? false;
  const random = seeded(opts.seed * 7919 + runs);
  const dbName = `chaos_${process.pid}_${++runs}`;
  const dataDir = mkdtempSync(join(tmpdir(), "ledgerlink-chaos-"));
  const backend: Backend = {
    kind: opts.backend,
    dataDir,
    secretKey: generateSecretKey(),
    databaseUrl: opts.backend === "postgres" ? await createDatabase(opts.serverUrl, dbName) : undefined,
  };
  const emulators = await startEmulatorHost(scenario.seed(opts.records));
  const { host } = emulators;
  const roles: Running[] = [];
  let pump: ReturnType<typeof startFaultPump> | undefined;
  try {
    log(`${scenario.name} on ${opts.backend}: queueing the work`);
    await seedAndQueue(backend, host, scenario.work(host, opts.records));
    const reader = vendorReader(host);
    const expected = scenario.expected(opts.records, host);
    const measure = async () => tally(expected, await scenario.found(reader));
    if (scenario.prepare) {
      log(`${scenario.name} on ${opts.backend}: fault-free first phase`);
      await scenario.prepare({
        backend,
        host,
        reader,
        records: opts.records,
        startWorker: () => startRole("worker", backend, host),
        until: (count, target) => settled(count, target, opts.timeoutMs),
      });
    }

    pump = startFaultPump(
      [
        { url: host.qboUrl, apiPath: "/v3/" },
        { url: host.hubspotUrl, apiPath: "/crm/" },
      ],
      { rate: opts.faultRate, seed: opts.seed + runs, statuses: opts.faultStatuses },
    );
    if (backend.databaseUrl) roles.push(await startRole("serve", backend, host));
    const workers: Running[] = [];
    const startWorker = async () => {
      const w = await startRole("worker", backend, host);
      workers.push(w);
      roles.push(w);
      return w;
    };
    // The embedded database has one owner (ADR 0036): one worker, whose own concurrency is all.
    const workerCount = backend.databaseUrl ? scenario.workers : 1;
    await Promise.all(Array.from({ length: workerCount }, startWorker));
    // From the moment the workers are ready: a process's start-up is the same with or without
    // faults and would only flatter the ratio (a replacement worker's start-up does count).
    const t0 = performance.now();
    if (tokenExpiry) {
      // Both emulators share one clock: every access token Ledgerlink holds is now expired,
      // while its database still says they are valid for the better part of an hour.
      await control(host.qboUrl)("POST", "/clock", { advanceSeconds: 2 * 3600 });
    }
    log(`${scenario.name} on ${opts.backend}: workers running`);

    let killed = 0;
    let resumeMs: number | undefined;
    let stillMs = 0;
    let pendingKillAt: number | undefined;
    /** The same moment on the machine's clock, which the emulators' request logs use. */
    let pendingKillWall = 0;
    let nextKillAt = performance.now() + 1000 + random() * 3000;
    let last = await measure();
    let lastChange = performance.now();
    let doneAt: number | undefined;
    let timedOut = false;
    for (;;) {
      await new Promise((r) => setTimeout(r, pollMsFor(expected.length)));
      const now = performance.now();
      const current = await measure();
      const complete = current.created === expected.length;
      if (current.created !== last.created || current.duplicated !== last.duplicated) {
        lastChange = now;
        if (process.env.CHAOS_PROGRESS)
          log(
            `${scenario.name}: ${current.created}/${expected.length} at ${((now - t0) / 1000).toFixed(1)} s`,
          );
        if (complete) doneAt = now;
      }
      // Work resumed when a vendor took a write from the replacement (ADR 0045, amended): records
      // the killed worker had sent may still land after the kill, and say nothing of the restart.
      if (pendingKillAt !== undefined && (complete || (await wroteSince(host, pendingKillWall)))) {
        resumeMs = Math.max(resumeMs ?? 0, now - pendingKillAt);
        stillMs += now - pendingKillAt;
        pendingKillAt = undefined;
      }
      last = current;
      if (complete && now - lastChange >= SETTLE_MS) break;
      if (now - t0 > opts.timeoutMs) {
        timedOut = true;
        if (pendingKillAt !== undefined) {
          resumeMs = Math.max(resumeMs ?? 0, now - pendingKillAt);
          stillMs += now - pendingKillAt;
        }
        break;
      }
      if (!complete && killed < kills && now >= nextKillAt) {
        const victim = workers.splice(Math.floor(random() * workers.length), 1)[0]!;
        await victim.kill();
        killed += 1;
        if (pendingKillAt === undefined) {
          pendingKillAt = performance.now();
          pendingKillWall = Date.now();
        }
        log(`${scenario.name}: worker killed (${killed}/${kills}), starting another`);
        await startWorker();
        nextKillAt = performance.now() + 1000 + random() * 3000;
      }
    }
    const faults = await pump.stop();
    pump = undefined;
    for (const r of roles) await r.kill();
    const found = await scenario.found(reader);
    const final = tally(expected, found);
    // Which records, so a failing row can be diagnosed without rerunning it.
    const missing = expected.filter((key) => !found.includes(key));
    if (missing.length)
      log(
        `${scenario.name} on ${opts.backend}: missing ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", …" : ""}`,
      );
    return {
      scenario: scenario.name,
      backend: opts.backend,
      faults,
      kills: killed,
      expected: expected.length,
      ...final,
      wallMs: (doneAt ?? performance.now()) - t0,
      resumeMs,
      stillMs,
      timedOut,
    };
  } finally {
    await pump?.stop().catch(() => 0);
    for (const r of roles) await r.kill();
    await emulators.kill();
    if (backend.databaseUrl) await dropDatabase(opts.serverUrl, dbName).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Waits until `count()` reaches `target` and holds still for SETTLE_MS; throws after `timeoutMs`. */
async function settled(count: () => Promise<number>, target: number, timeoutMs: number): Promise<void> {
  const start = performance.now();
  let since: number | undefined;
  for (;;) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    const n = await count();
    const now = performance.now();
    if (n >= target) since ??= now;
    else since = undefined;
    if (since !== undefined && now - since >= SETTLE_MS) return;
    if (now - start > timeoutMs) throw new Error(`first phase: ${n} of ${target} after ${timeoutMs} ms`);
  }
}
