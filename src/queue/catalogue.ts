import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Logger } from "../lib/logger.ts";

export { RetryLater } from "./progress.ts";

/**
 * How a job is retried (ADR 0030). By default it is retried with backoff until it has made no
 * progress (`ctx.progress()`) for JOB_STALL_TIMEOUT_SECONDS, however many attempts that takes;
 * a number caps the attempts as well (jobs that must not repeat, e.g. a notification).
 */
export interface RetryPolicy {
  /** Retries after the first attempt at most, or "until-stalled" (the default): no count. */
  limit: number | "until-stalled";
  delaySeconds: number;
  backoff: boolean;
  /** The longest wait between two attempts: backoff stops growing here. */
  maxDelaySeconds: number;
}

export interface JobDefinition<P = unknown> {
  name: string;
  payload: z.ZodType<P>;
  retry: RetryPolicy;
  /** Jobs with the same key share a slot (e.g. one CDC pull per realm); see `policy`. */
  singletonKey?: (payload: P) => string;
  /**
   * pg-boss queue policy. `short` (the default when there is a singleton key): at most one job per
   * key waiting, later sends are dropped; `singleton`: one per key running; `stately`: both.
   */
  policy?: "standard" | "short" | "singleton" | "stately";
  /** Run on this cron schedule (UTC), once per tick across all workers. */
  cron?: { expression: string; payload: P };
  /**
   * The longest one attempt may run, however alive its worker is (default 15 minutes). A dead
   * worker is noticed by the heartbeat, not by this.
   */
  expireInSeconds?: number;
  /**
   * How long a running job may go without its worker's heartbeat before another worker retries it
   * (default: the queue's, 20 s; at least 10). pg-boss beats every half of it while the handler runs.
   */
  heartbeatSeconds?: number;
  /**
   * How many of this job one process runs at once (default 1). A per-record job spends its time
   * waiting on vendors, and under faults on retries: run one at a time, a record's slow or retried
   * call holds up every record behind it while the rate budget stands idle (ADR 0044). The code
   * behind it must already be safe with two at once: several processes run it anyway.
   */
  concurrency?: number;
}

export type AnyJob = JobDefinition<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export type PayloadOf<J> = J extends JobDefinition<infer P> ? P : never;

const JOB_NAME = /^[a-z][a-z0-9-]{1,62}$/;

/** Declares a job. The definition is data: the queue creates it, enqueue and workers check against it. */
export function defineJob<P>(def: Omit<JobDefinition<P>, "retry"> & { retry?: Partial<RetryPolicy> }) {
  if (!JOB_NAME.test(def.name)) throw new Error(`Job name "${def.name}" must be kebab-case`);
  const retry: RetryPolicy = {
    limit: "until-stalled",
    delaySeconds: 5,
    backoff: true,
    maxDelaySeconds: 300,
    ...def.retry,
  };
  if (
    def.heartbeatSeconds !== undefined &&
    !(Number.isInteger(def.heartbeatSeconds) && def.heartbeatSeconds >= 10)
  )
    throw new Error(`Job "${def.name}": heartbeatSeconds must be a whole number of at least 10`);
  if (def.concurrency !== undefined && !(Number.isInteger(def.concurrency) && def.concurrency >= 1))
    throw new Error(`Job "${def.name}": concurrency must be a whole number of at least 1`);
  const policy = def.policy ?? (def.singletonKey ? "short" : "standard");
  return { ...def, retry, policy } as JobDefinition<P>;
}

export interface JobContext<P> {
  payload: P;
  jobId: string;
  /** Carries `requestId` (the enqueuer's, when it had one) and `jobId`. */
  log: Logger;
  retryCount: number;
  /**
   * Says the job moved forward (a page stored, a batch pushed): restarts its stall timer, so it is
   * retried for as long as it keeps making progress (ADR 0030). Absent in hand-built test contexts.
   */
  progress?: () => Promise<void>;
}

export type JobHandler<P> = (ctx: JobContext<P>) => Promise<void>;
export type Handlers = Record<string, JobHandler<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What the engine may do with the queue: send jobs inside a transaction (JobQueue implements it). */
export interface Enqueuer {
  enqueue<P>(
    trx: Kysely<any>, // eslint-disable-line @typescript-eslint/no-explicit-any
    job: JobDefinition<P>,
    payload: NoInfer<P>,
    opts?: { requestId?: string; startAfterSeconds?: number },
  ): Promise<string | null>;
}

/**
 * A job and the handler that runs it, declared side by side in a feature's jobs.ts. `D` is what
 * the handler needs from the composition root; features/catalogue.ts passes every feature the same
 * dependencies, so each handler names only the part it uses.
 */
export interface HandledJob<P, D> {
  job: JobDefinition<P>;
  run: (deps: D, ctx: JobContext<P>) => Promise<void>;
}

export function handledJob<P, D>(
  job: JobDefinition<P>,
  run: (deps: D, ctx: JobContext<P>) => Promise<void>,
): HandledJob<P, D> {
  return { job, run };
}
