import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Logger } from "../lib/logger.ts";

/** How a job is retried: pg-boss's retry options, named for what they mean to us. */
export interface RetryPolicy {
  limit: number;
  delaySeconds: number;
  backoff: boolean;
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
  expireInSeconds?: number;
}

export type AnyJob = JobDefinition<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export type PayloadOf<J> = J extends JobDefinition<infer P> ? P : never;

const JOB_NAME = /^[a-z][a-z0-9-]{1,62}$/;

/** Declares a job. The definition is data: the queue creates it, enqueue and workers check against it. */
export function defineJob<P>(def: Omit<JobDefinition<P>, "retry"> & { retry?: Partial<RetryPolicy> }) {
  if (!JOB_NAME.test(def.name)) throw new Error(`Job name "${def.name}" must be kebab-case`);
  const retry: RetryPolicy = { limit: 5, delaySeconds: 5, backoff: true, ...def.retry };
  const policy = def.policy ?? (def.singletonKey ? "short" : "standard");
  return { ...def, retry, policy } as JobDefinition<P>;
}

export interface JobContext<P> {
  payload: P;
  jobId: string;
  /** Carries `requestId` (the enqueuer's, when it had one) and `jobId`. */
  log: Logger;
  retryCount: number;
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
