import { inTransaction } from "../db/transaction.ts";
import type { Database } from "../db/kysely.ts";
import type { MovableClock } from "../lib/clock.ts";
import type { Logger } from "../lib/logger.ts";
import type { JobQueue } from "./queue.ts";

export interface TimeJumps {
  /** Resolves once every jump so far has had its jobs enqueued (tests and the demo route wait on it). */
  settled(): Promise<void>;
  stop(): void;
}

/**
 * When a movable clock jumps (the demo's time travel), what time drives runs at once: every
 * scheduled job (the overdue pass, which fires the automations; the reconcile timer; the daily
 * refresh) is enqueued now instead of at pg-boss's next tick, which follows the real time.
 * Jumps are handled one after another, so a burst of jumps never overlaps its enqueues.
 */
export function runSchedulesOnJump(
  clock: MovableClock,
  queue: Pick<JobQueue, "enqueueScheduled">,
  db: Database,
  logger: Logger,
): TimeJumps {
  let chain: Promise<void> = Promise.resolve();
  const stop = clock.onChange(() => {
    const at = clock.now().toISOString();
    chain = chain.then(async () => {
      try {
        const jobs = await inTransaction(db, (trx) => queue.enqueueScheduled(trx));
        logger.info({ now: at, jobs }, "clock moved: scheduled jobs enqueued");
      } catch (err) {
        // The schedules still run at their next tick: a lost enqueue costs latency, never data.
        logger.error({ err, now: at }, "clock moved but the scheduled jobs could not be enqueued");
      }
    });
  });
  return { settled: () => chain, stop };
}
