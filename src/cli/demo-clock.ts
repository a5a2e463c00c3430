import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { z } from "zod";
import { createEmulatorClock, type EmulatorClock } from "../emulators/kit/index.ts";

const saved = z.object({ aheadMs: z.number().int().nonnegative() }).strict();

/**
 * The demo's one clock, shared by both emulators and Ledgerlink (docs/adr/0025-demo-time-travel.md).
 * It runs in real time, moves only forward, and keeps how far it has travelled in `file`, so a
 * restarted demo is still as far ahead and what turned overdue stays overdue.
 */
export function createDemoClock(file: string, realNow: () => number = Date.now): EmulatorClock {
  const aheadMs = readAhead(file);
  const clock = createEmulatorClock({ start: new Date(realNow() + aheadMs), forwardOnly: true });
  clock.onChange(() => {
    const ahead = Math.max(0, clock.now().getTime() - realNow());
    mkdirSync(dirname(file), { recursive: true });
    // Written whole, then renamed: a crash mid-write never leaves half a file to refuse at start.
    writeFileSync(`${file}.tmp`, JSON.stringify({ aheadMs: Math.round(ahead) }));
    renameSync(`${file}.tmp`, file);
  });
  return clock;
}

function readAhead(file: string): number {
  if (!existsSync(file)) return 0;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    throw new Error(`${file} is not JSON; delete it to bring the demo's clock back to the real time`);
  }
  const parsed = saved.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `${file} should hold {"aheadMs": <milliseconds ahead of the real time>}; delete it to bring the demo's clock back to the real time`,
    );
  return parsed.data.aheadMs;
}
