import { describe, expect, it } from "vitest";
import type { Database } from "../db/kysely.ts";
import { ManualClock, type MovableClock } from "../lib/clock.ts";
import type { Logger } from "../lib/logger.ts";
import { runSchedulesOnJump } from "./time-jumps.ts";

/** A ManualClock that tells its listeners, as the demo's shared clock does. */
function movable(): MovableClock {
  const clock = new ManualClock("2026-11-02T09:00:00Z");
  const listeners = new Set<() => void>();
  return {
    now: () => clock.now(),
    advance: (ms) => {
      clock.advance(ms);
      listeners.forEach((l) => l());
    },
    onChange: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

/** Transactions without a database: each one runs its work on a marker handle. */
const db = {
  transaction: () => ({ execute: (work: (trx: unknown) => unknown) => work("trx") }),
} as unknown as Database;

function recordingLogger() {
  const lines: Array<{ level: string; msg: string; obj: Record<string, unknown> }> = [];
  const at = (level: string) => (obj: Record<string, unknown>, msg: string) =>
    lines.push({ level, msg, obj });
  return { logger: { info: at("info"), error: at("error") } as unknown as Logger, lines };
}

describe("scheduled jobs on a clock jump (ADR 0025)", () => {
  it("enqueues the scheduled jobs in a transaction at every jump, one jump after another", async () => {
    const clock = movable();
    const calls: Array<{ trx: unknown; at: string }> = [];
    let running = 0;
    const queue = {
      enqueueScheduled: async (trx: unknown) => {
        running += 1;
        expect(running).toBe(1); // never two enqueues at once
        calls.push({ trx, at: clock.now().toISOString() });
        await Promise.resolve();
        running -= 1;
        return ["overdue-pass", "reconcile-all"];
      },
    };
    const { logger, lines } = recordingLogger();
    const jumps = runSchedulesOnJump(clock, queue as never, db, logger);
    clock.advance(86_400_000);
    clock.advance(86_400_000);
    await jumps.settled();
    expect(calls.map((c) => c.trx)).toEqual(["trx", "trx"]);
    expect(lines.filter((l) => l.level === "info").map((l) => l.obj.jobs)).toEqual([
      ["overdue-pass", "reconcile-all"],
      ["overdue-pass", "reconcile-all"],
    ]);

    jumps.stop();
    clock.advance(1000);
    await jumps.settled();
    expect(calls).toHaveLength(2); // stopped: the runtime closed
  });

  it("logs an enqueue that fails and keeps handling later jumps (the schedules still tick)", async () => {
    const clock = movable();
    let attempt = 0;
    const queue = {
      enqueueScheduled: async () => {
        attempt += 1;
        if (attempt === 1) throw new Error("database is busy");
        return ["overdue-pass"];
      },
    };
    const { logger, lines } = recordingLogger();
    const jumps = runSchedulesOnJump(clock, queue as never, db, logger);
    clock.advance(1000);
    clock.advance(1000);
    await jumps.settled();
    expect(lines.map((l) => l.level)).toEqual(["error", "info"]);
    expect(lines[0]!.msg).toMatch(/could not be enqueued/);
  });
});
