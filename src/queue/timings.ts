import type { AnyJob } from "./catalogue.ts";

/* How long the job queue waits, for what (ADR 0030, ADR 0044). */

/** Every queue's heartbeat unless its job sets one: a dead worker's job is retried within ~30 s. */
export const DEFAULT_HEARTBEAT_SECONDS = 20;
/** How often each process sweeps for lost heartbeats and expired jobs (pg-boss's default is 60). */
export const SUPERVISE_SECONDS = 10;
/** A job that made no progress for this long is failed for good (JOB_STALL_TIMEOUT_SECONDS). */
export const DEFAULT_STALL_TIMEOUT_SECONDS = 3600;
/** pg-boss needs a number; "until stalled" is this many, which the stall timer always beats. */
export const UNTIL_STALLED = 1_000_000;
export const DEFAULT_EXPIRE_SECONDS = 15 * 60;
/** How often a PostgreSQL process looks for jobs whose worker's session is gone (holders.ts). */
export const ABANDONED_SWEEP_MS = 1_000;
/** The poll behind the wakeups: what takes over a dead worker's job after its heartbeat lapsed. */
export const BACKSTOP_POLL_SECONDS = 5;

/**
 * The longest a job held by a worker that died waits for another (with the defaults) when nothing
 * faster notices: its heartbeat lapses, the next sweep fails it (retried at once), the next backstop
 * poll takes it. On PostgreSQL the lock sweep (holders.ts) usually hands it back within seconds.
 */
export function takeoverSeconds(job: AnyJob): number {
  return (job.heartbeatSeconds ?? DEFAULT_HEARTBEAT_SECONDS) + SUPERVISE_SECONDS + BACKSTOP_POLL_SECONDS;
}

/**
 * `delaySeconds`, doubling (with jitter) per failure, at most `maxDelaySeconds`. The caller passes
 * 0 failures when the attempt that failed moved forward (`ctx.progress()`): a long job (an initial
 * sync, a reconcile over many pages) that stores a page between two vendor faults is not stuck, and
 * its next wait starts again from `delaySeconds` instead of doubling with every fault of its whole
 * run, which at 30 % faults let a healthy sync sleep for minutes. An attempt that did not move
 * forward waits by pg-boss's count of all the job's retries (the count since progress is not kept).
 */
export function backoffMs(
  policy: Pick<AnyJob["retry"], "delaySeconds" | "backoff" | "maxDelaySeconds">,
  failuresSinceProgress: number,
  random: () => number = Math.random,
): number {
  const { delaySeconds, backoff, maxDelaySeconds } = policy;
  if (!backoff) return delaySeconds * 1000;
  const base = Math.max(delaySeconds, 1) * 2 ** Math.min(16, failuresSinceProgress);
  return Math.min(maxDelaySeconds, base * (0.5 + random() / 2)) * 1000;
}
