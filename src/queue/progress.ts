import type { Database } from "../db/kysely.ts";

/**
 * Each unfinished job's stall timer (table `job_progress`, ADR 0030). The happy path writes
 * nothing: a row appears at the job's first failure or first reported progress, and goes when the
 * job completes or gives up.
 */
export interface ProgressStore {
  /** The job moved forward now. */
  record(jobId: string, jobName: string, at: Date): Promise<void>;
  /** When it last moved forward; a job seen failing for the first time starts its timer at `now`. */
  lastOrStart(jobId: string, jobName: string, now: Date): Promise<Date>;
  forget(jobId: string): Promise<void>;
}

export function progressStore(db: Database): ProgressStore {
  return {
    async record(jobId, jobName, at) {
      await db
        .insertInto("jobProgress")
        .values({ jobId, jobName, lastProgressAt: at })
        .onConflict((oc) => oc.column("jobId").doUpdateSet({ lastProgressAt: at }))
        .execute();
    },
    async lastOrStart(jobId, jobName, now) {
      await db
        .insertInto("jobProgress")
        .values({ jobId, jobName, lastProgressAt: now })
        .onConflict((oc) => oc.column("jobId").doNothing())
        .execute();
      const row = await db
        .selectFrom("jobProgress")
        .select("lastProgressAt")
        .where("jobId", "=", jobId)
        .executeTakeFirstOrThrow();
      return new Date(row.lastProgressAt);
    },
    async forget(jobId) {
      await db.deleteFrom("jobProgress").where("jobId", "=", jobId).execute();
    },
  };
}

/** A handler's way to say "retry, but not before this": a vendor's Retry-After, or a budget's wait. */
export class RetryLater extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "RetryLater";
  }
}

/**
 * How long the failure asks to wait, if it says: a `retryAfterMs` on the error or on its cause
 * (the connectors' rate-limit errors carry one from the vendor's Retry-After header).
 */
export function retryAfterMsOf(error: unknown): number | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 4; depth++) {
    const ms = (e as { retryAfterMs?: unknown }).retryAfterMs;
    if (typeof ms === "number" && Number.isFinite(ms) && ms > 0) return ms;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
