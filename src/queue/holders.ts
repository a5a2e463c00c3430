import { lockJob, unlockJob, unlockedActiveJobs, type ActiveJob } from "../db/job-locks.ts";
import type { Database } from "../db/kysely.ts";
import type { Logger } from "../lib/logger.ts";

/** A job fetched this recently may not be locked yet by the worker that fetched it. */
const FETCH_GRACE_SECONDS = 2;
/**
 * A finished job's lock is let go this long after its handler returned: pg-boss settles it just
 * after, and until then a sweep must not take the job for abandoned.
 */
const LET_GO_AFTER_MS = 1_000;

/**
 * Which running jobs still have a live worker, on PostgreSQL (ADR 0044). A worker holds a session
 * advisory lock for each job it runs, on one connection it keeps for its life; when the process
 * dies (`kill -9`, a lost machine), PostgreSQL ends the session and the locks go with it. A sweep in
 * any process then finds active jobs whose lock is free, and hands them back at once instead of
 * after their heartbeat lapses (20 s). The heartbeat stays as the backstop: a worker that cannot
 * take its lock (its connection failed) still beats.
 */
export class JobHolders {
  #session: Promise<Database | undefined> | undefined;
  #close: (() => void) | undefined;

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
  ) {}

  /** Takes the job's lock on this process's session (opened on first use). */
  async hold(jobId: string): Promise<void> {
    const session = await this.#open();
    if (!session) return;
    await lockJob(session, jobId).catch((err: unknown) => {
      this.log.warn({ err, jobId }, "job lock not taken; its heartbeat still shows it alive");
    });
  }

  /** Lets the job's lock go, a moment after its handler returned (see LET_GO_AFTER_MS). */
  letGo(jobId: string): void {
    setTimeout(() => {
      this.#unlock(jobId).catch(() => undefined); // a session that ended took the lock with it
    }, LET_GO_AFTER_MS).unref();
  }

  async #unlock(jobId: string): Promise<void> {
    const session = await this.#session;
    if (!session) return;
    await unlockJob(session, jobId);
  }

  /** Ends the session: every lock it still holds goes. */
  close(): void {
    this.#close?.();
    this.#session = undefined;
    this.#close = undefined;
  }

  #open(): Promise<Database | undefined> {
    this.#session ??= new Promise((resolve) => {
      const closed = new Promise<void>((r) => (this.#close = r));
      this.db
        .connection()
        .execute(async (session) => {
          resolve(session);
          await closed;
        })
        .catch((err: unknown) => {
          this.log.warn({ err }, "job lock session failed; dead workers are found by heartbeat only");
          resolve(undefined);
        });
    });
    return this.#session;
  }
}

/** Active jobs (fetched more than a few seconds ago) whose lock no session holds: their worker is gone. */
export function abandonedJobs(db: Database, jobTable: string): Promise<ActiveJob[]> {
  return unlockedActiveJobs(db, jobTable, FETCH_GRACE_SECONDS);
}
