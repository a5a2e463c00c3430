import { PgBoss, type JobAttempt, type JobResult, type JobWithMetadata } from "pg-boss";
import type { Kysely } from "kysely";
import type { DatabaseHandle } from "../db/kysely.ts";
import { systemClock, type Clock } from "../lib/clock.ts";
import type { Logger } from "../lib/logger.ts";
import { randomId } from "../lib/ids.ts";
import { metrics } from "../lib/metrics.ts";
import type { AnyJob, Handlers, JobDefinition, JobHandler } from "./catalogue.ts";
import { kyselyAsPgBossDb, pgliteAsPgBossDb } from "./pgboss-db.ts";
import {
  ABANDONED_SWEEP_MS,
  backoffMs,
  BACKSTOP_POLL_SECONDS,
  DEFAULT_EXPIRE_SECONDS,
  DEFAULT_HEARTBEAT_SECONDS,
  DEFAULT_STALL_TIMEOUT_SECONDS,
  SUPERVISE_SECONDS,
  UNTIL_STALLED,
} from "./timings.ts";
import { activeJobs, type ActiveJob } from "../db/job-locks.ts";
import { abandonedJobs, JobHolders } from "./holders.ts";
import { progressStore, retryAfterMsOf, type ProgressStore } from "./progress.ts";

export {
  backoffMs,
  DEFAULT_HEARTBEAT_SECONDS,
  DEFAULT_STALL_TIMEOUT_SECONDS,
  takeoverSeconds,
} from "./timings.ts";

export interface JobQueueOptions {
  databaseUrl?: string;
  /** The backstop poll; a job is normally picked up at once through its wakeup (ADR 0031). */
  pollingIntervalSeconds?: number;
  /**
   * false: `start()` only installs pg-boss's tables and creates the queues and schedules, with no
   * maintenance or cron timers and no listener (what `ledgerlink migrate` needs before it exits).
   * Default true.
   */
  background?: boolean;
  /** The clock the stall timer reads (tests pass a ManualClock). */
  clock?: Clock;
  stallTimeoutSeconds?: number;
  /** The heartbeat of every queue whose job sets none (tests shorten it; at least 10). */
  heartbeatSeconds?: number;
  /** How often the heartbeat and expiry sweep runs (tests shorten it). */
  superviseIntervalSeconds?: number;
  /**
   * No other process can hold this database's jobs (the embedded database's owner, ADR 0036): a job
   * still active when `start()` runs was held by an earlier owner that died, and is handed back at
   * once instead of after its heartbeat lapses.
   */
  soleOwner?: boolean;
}

interface Envelope {
  payload: unknown;
  requestId?: string;
}

/** How one attempt ended, for pg-boss to settle (completed) or already settled by us (the rest). */
type Outcome = "completed" | "retrying" | "gave-up";

interface InFlight {
  name: string;
  attempt: JobAttempt;
  done: Promise<unknown>;
}

/**
 * The only module that knows pg-boss. Jobs are defined in a catalogue; `enqueue` writes in the
 * caller's transaction (a rollback un-sends the job) and wakes a worker when it commits; handlers
 * only ever see parsed payloads. Retries, heartbeats and giving up follow ADR 0030.
 */
export class JobQueue {
  readonly #boss: PgBoss;
  readonly #jobs: Map<string, AnyJob>;
  readonly #schema: string;
  readonly #clock: Clock;
  readonly #stallMs: number;
  readonly #heartbeatSeconds: number;
  readonly #pollingSeconds: number;
  readonly #progress: ProgressStore;
  readonly #soleOwner: boolean;
  /** PostgreSQL with other processes: each running job's lock, and the sweep for abandoned ones. */
  readonly #holders: JobHolders | undefined;
  #sweep: NodeJS.Timeout | undefined;
  readonly #inFlight = new Map<string, InFlight>();
  /** The queues this process works, with their pg-boss workers (lanes): to wake and to stop them. */
  readonly #workerIds = new Map<string, string[]>();
  #started = false;

  constructor(
    private readonly handle: DatabaseHandle,
    catalogue: AnyJob[],
    private readonly log: Logger,
    opts: JobQueueOptions = {},
  ) {
    this.#jobs = new Map(catalogue.map((j) => [j.name, j]));
    const schema = `${handle.schema === "public" ? "" : `${handle.schema}_`}pgboss`;
    this.#schema = schema;
    this.#clock = opts.clock ?? systemClock;
    this.#stallMs = (opts.stallTimeoutSeconds ?? DEFAULT_STALL_TIMEOUT_SECONDS) * 1000;
    this.#heartbeatSeconds = opts.heartbeatSeconds ?? DEFAULT_HEARTBEAT_SECONDS;
    this.#pollingSeconds = opts.pollingIntervalSeconds ?? 2;
    this.#progress = progressStore(handle.db);
    this.#soleOwner = opts.soleOwner ?? false;
    const background = opts.background ?? true;
    this.#holders =
      handle.kind === "postgres" && background && !this.#soleOwner
        ? new JobHolders(handle.db, log)
        : undefined;
    const supervise = opts.superviseIntervalSeconds ?? SUPERVISE_SECONDS;
    const common = {
      schema,
      backend: handle.kind,
      supervise: background,
      schedule: background,
      // The heartbeat sweep runs on the monitor pass, which needs both timers (pg-boss 12).
      superviseIntervalSeconds: supervise,
      monitorIntervalSeconds: supervise,
      // A job committed anywhere wakes a worker at once (ADR 0031); polling stays as the backstop.
      useListenNotify: background,
      // Our own worker_heartbeats table is what `status` and the overview read.
      registerInstance: false,
    };
    // On PostgreSQL pg-boss keeps its own pool (and one LISTEN connection); on PGlite it must go
    // through our one connection, which also delivers NOTIFY in-process.
    this.#boss =
      handle.kind === "postgres" && opts.databaseUrl
        ? new PgBoss({ ...common, connectionString: opts.databaseUrl, max: 4 })
        : new PgBoss({ ...common, db: pgliteAsPgBossDb(handle) });
    this.#boss.on("error", (error: unknown) => this.log.error({ err: error }, "job queue error"));
  }

  async start(): Promise<void> {
    if (this.#started) return;
    await this.#boss.start();
    for (const job of this.#jobs.values()) {
      const options = this.#queueOptions(job);
      const existing = await this.#boss.getQueue(job.name);
      if (!existing) await this.#boss.createQueue(job.name, { policy: job.policy ?? "standard", ...options });
      else if (Object.entries(options).some(([k, v]) => existing[k as keyof typeof existing] !== v))
        await this.#boss.updateQueue(job.name, options); // an upgrade changed the job's timings
      if (job.cron) await this.#boss.schedule(job.name, job.cron.expression, { payload: job.cron.payload });
    }
    if (this.#soleOwner) await this.#releaseOrphans();
    this.#started = true;
    if (this.#holders) await this.#sweepAbandoned();
  }

  /** At start, then every second: jobs whose worker's session is gone are handed back (holders.ts). */
  async #sweepAbandoned(): Promise<void> {
    let sweeping = false;
    const sweepOnce = () =>
      abandonedJobs(this.handle.db, `${this.#schema}.job`)
        .then((jobs) => this.#releaseAll(jobs))
        .catch((err: unknown) => this.log.warn({ err }, "sweep for abandoned jobs failed"));
    // A process started to replace one that died sweeps before it works: its jobs are the ones waiting.
    await sweepOnce();
    const sweep = () => {
      if (sweeping || !this.#started) return;
      sweeping = true;
      const done = () => (sweeping = false);
      sweepOnce().then(done, done); // sweepOnce logs its own failures
    };
    this.#sweep = setInterval(sweep, ABANDONED_SWEEP_MS);
    this.#sweep.unref();
  }

  /** Jobs an earlier owner of the database left active when it died (see `soleOwner`). */
  async #releaseOrphans(): Promise<void> {
    await this.#releaseAll(await activeJobs(this.handle.db, `${this.#schema}.job`));
  }

  async #releaseAll(jobs: ActiveJob[]): Promise<void> {
    for (const { name, id, retryCount } of jobs)
      await this.#release({ name, attempt: { id, retryCount } }, "orphaned");
  }

  /**
   * pg-boss retries at once (no delay of its own): a job whose worker died is picked up by the next
   * poll or wakeup. The backoff between failed attempts is ours (`#retryLater`), so it can follow a
   * Retry-After.
   */
  #queueOptions(job: AnyJob) {
    return {
      retryLimit: job.retry.limit === "until-stalled" ? UNTIL_STALLED : job.retry.limit,
      retryDelay: 0,
      retryBackoff: false,
      expireInSeconds: job.expireInSeconds ?? DEFAULT_EXPIRE_SECONDS,
      heartbeatSeconds: job.heartbeatSeconds ?? this.#heartbeatSeconds,
      notify: true,
    };
  }

  /** Sends a job inside `trx`; it becomes visible to workers only when `trx` commits. */
  async enqueue<P>(
    trx: Kysely<any>, // eslint-disable-line @typescript-eslint/no-explicit-any
    job: JobDefinition<P>,
    payload: NoInfer<P>,
    opts: { requestId?: string; startAfterSeconds?: number } = {},
  ): Promise<string | null> {
    const known = this.#jobs.get(job.name);
    if (!known) throw new Error(`Job ${job.name} is not in the catalogue`);
    const parsed = job.payload.parse(payload);
    const envelope: Envelope = { payload: parsed, requestId: opts.requestId };
    return this.#boss.send(job.name, envelope as object, {
      db: kyselyAsPgBossDb(trx),
      ...(job.singletonKey ? { singletonKey: job.singletonKey(parsed) } : {}),
      ...(opts.startAfterSeconds ? { startAfter: opts.startAfterSeconds } : {}),
    });
  }

  /** Enqueues a job named at run time (a ledger entry's Retry); the payload is checked as usual. */
  async enqueueByName(
    trx: Kysely<any>, // eslint-disable-line @typescript-eslint/no-explicit-any
    name: string,
    payload: unknown,
    opts: { requestId?: string } = {},
  ): Promise<string | null> {
    const job = this.#jobs.get(name);
    if (!job) throw new Error(`Job ${name} is not in the catalogue`);
    return this.enqueue(trx, job, payload, opts);
  }

  /**
   * Sends every scheduled (cron) job now, with its schedule's payload, inside `trx`: what the
   * schedules would have sent had the time passed by itself (the demo's time travel). Returns their names.
   */
  async enqueueScheduled(
    trx: Kysely<any>, // eslint-disable-line @typescript-eslint/no-explicit-any
  ): Promise<string[]> {
    const sent: string[] = [];
    for (const job of this.#jobs.values()) {
      if (!job.cron) continue;
      await this.enqueue(trx, job, job.cron.payload);
      sent.push(job.name);
    }
    return sent;
  }

  /**
   * Starts workers for every job that has a handler. Each wakes when a job of its kind commits
   * (ADR 0031) and polls only as a backstop.
   */
  async work(handlers: Handlers, opts: { onJobDone?: () => void; batchSize?: number } = {}): Promise<void> {
    for (const [name, handler] of Object.entries(handlers)) {
      const def = this.#jobs.get(name);
      if (!def) throw new Error(`No job named ${name} in the catalogue`);
      const options = {
        batchSize: opts.batchSize ?? 1,
        includeMetadata: true,
        perJobResults: true,
        pollingIntervalSeconds: this.#pollingSeconds,
        // While LISTEN works, polling is only the backstop for what sends no NOTIFY: a retry or a
        // deferred job coming due, a job freed by a dead worker's lapsed heartbeat.
        notifyPollingIntervalSeconds: Math.max(BACKSTOP_POLL_SECONDS, this.#pollingSeconds),
      } as const;
      // One pg-boss worker per lane (`concurrency`), not its localConcurrency: each lane must wake
      // itself after a job, and pg-boss names only the first of its local workers.
      const lanes: string[] = [];
      for (let lane = 0; lane < (def.concurrency ?? 1); lane++) {
        // Set once work() returns; the first batch may already be running by then.
        const worker: { id?: string } = {};
        worker.id = await this.#boss.work<Envelope, unknown, typeof options>(name, options, async (jobs) => {
          // Jobs in a batch run in order; each is settled on its own.
          const results: JobResult[] = [];
          // Every job fetched is held at once, so a sweep never takes one waiting its turn for dead.
          for (const job of jobs) await this.#holders?.hold(job.id);
          for (const job of jobs) {
            const outcome = await this.#track(name, job, this.#attempt(name, handler, job));
            this.#holders?.letGo(job.id);
            // "completed" is settled by pg-boss; the others we settled already, so its fail is a no-op.
            results.push({ id: job.id, status: outcome === "completed" ? "completed" : "failed" });
            opts.onJobDone?.();
          }
          // Found work: fetch again at once instead of after the poll interval, until the backlog is gone.
          if (worker.id && jobs.length > 0) this.#boss.notifyWorker(worker.id);
          return results;
        });
        // Fetch now: what is already due (a dead owner's released jobs, a backlog) is not left to the poll.
        this.#boss.notifyWorker(worker.id);
        lanes.push(worker.id);
      }
      this.#workerIds.set(name, lanes);
    }
  }

  /**
   * Runs every job that is due now, one at a time, until none is left: what tests use instead
   * of waiting for a poll. Returns how many jobs ran (failures included).
   */
  async drain(handlers: Handlers, maxJobs = 1000): Promise<number> {
    let ran = 0;
    for (let progressed = true; progressed && ran < maxJobs;) {
      progressed = false;
      for (const [name, handler] of Object.entries(handlers)) {
        const [job] = await this.#boss.fetch<Envelope>(name, { includeMetadata: true });
        if (!job) continue;
        progressed = true;
        ran += 1;
        if ((await this.#attempt(name, handler, job)) === "completed") await this.#boss.complete(name, job);
      }
    }
    return ran;
  }

  /** Job counts per queue and state, for `ledgerlink status` and /readyz. */
  async depth(): Promise<Array<{ name: string; queued: number }>> {
    // Counted now, not read from pg-boss's queue cache (refreshed only by its monitor pass).
    const { rows } = await this.#boss
      .getDb()
      .executeSql(
        `SELECT name, count(*)::int AS queued FROM "${this.#schema}".job WHERE state < 'active' GROUP BY name`,
        [],
      );
    const queued = new Map(
      (rows as Array<{ name: string; queued: number | string }>).map((r) => [r.name, Number(r.queued)]),
    );
    return [...this.#jobs.keys()].map((name) => ({ name, queued: queued.get(name) ?? 0 }));
  }

  /**
   * Jobs by kind and state as pg-boss's job table holds them now (completed ones stay until pg-boss
   * archives them), for `ledgerlink_jobs`. Read through pg-boss's own connection.
   */
  async countsByState(): Promise<Array<{ name: string; state: string; count: number }>> {
    const { rows } = await this.#boss
      .getDb()
      .executeSql(
        `SELECT name, state, count(*)::int AS count FROM "${this.#schema}".job GROUP BY name, state`,
        [],
      );
    return (rows as Array<{ name: string; state: string; count: number | string }>).map((r) => ({
      name: r.name,
      state: r.state,
      count: Number(r.count),
    }));
  }

  /**
   * The graceful end (SIGTERM): takes no new job, waits up to `graceSeconds` (default 10) for the
   * jobs in hand to finish, then releases those still running so another worker takes them at
   * once, without counting an attempt (ADR 0030).
   */
  async stop(opts: { graceSeconds?: number } = {}): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    for (const name of this.#workerIds.keys()) await this.#boss.offWork(name, { wait: false });
    this.#workerIds.clear();
    if (this.#inFlight.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise((resolve) => (timer = setTimeout(resolve, (opts.graceSeconds ?? 10) * 1000)));
      await Promise.race([Promise.allSettled([...this.#inFlight.values()].map((f) => f.done)), grace]);
      clearTimeout(timer);
    }
    for (const job of [...this.#inFlight.values()]) await this.#release(job, "shutdown");
    clearInterval(this.#sweep);
    this.#holders?.close();
    // What is left in hand was released: pg-boss's own fail of it finds another attempt and does nothing.
    await this.#boss.stop({ graceful: true, timeout: 1000 });
  }

  /**
   * Gives a running job back as if never started: cancelled and resumed in one transaction (a crash
   * between the two would otherwise leave it cancelled), fenced to this attempt. If it cannot be
   * (another job with its singleton key waits), its heartbeat stops and it is retried within a minute.
   */
  async #release(job: Pick<InFlight, "name" | "attempt">, why: "shutdown" | "orphaned"): Promise<void> {
    try {
      await this.handle.db.transaction().execute(async (trx) => {
        const db = kyselyAsPgBossDb(trx);
        await this.#boss.cancel(job.name, job.attempt, { db });
        await this.#boss.resume(job.name, job.attempt.id, { db });
        // Moving it to "due now" is what sends the NOTIFY (resume sends none): a worker elsewhere
        // takes it when this commits, not at its next backstop poll. A second back, for clock skew.
        await this.#boss.update(job.name, undefined, {
          id: job.attempt.id,
          startAfter: new Date(Date.now() - 1000),
          db,
        });
      });
      this.log.info(
        { job: job.name, jobId: job.attempt.id },
        why === "shutdown" ? "job released on shutdown" : "job left by a dead owner released",
      );
    } catch (err) {
      // An orphan another process handed back first (or whose worker settled it after all) is
      // no longer this attempt: nothing to say.
      if (why === "orphaned") return;
      this.log.warn(
        { err, job: job.name, jobId: job.attempt.id },
        "job could not be released; its heartbeat will lapse",
      );
    }
  }

  #track(name: string, job: JobWithMetadata<Envelope>, done: Promise<Outcome>): Promise<Outcome> {
    const entry = { name, attempt: { id: job.id, retryCount: job.retryCount }, done };
    this.#inFlight.set(job.id, entry);
    return done.finally(() => this.#inFlight.delete(job.id));
  }

  /**
   * One attempt. A failure is settled here: retried after the handler's Retry-After or our backoff,
   * or failed for good once the job has made no progress for the stall timeout (or used up a
   * numeric retry limit). A success is left for the caller to complete.
   */
  async #attempt(
    name: string,
    handler: JobHandler<unknown>,
    job: JobWithMetadata<Envelope>,
  ): Promise<Outcome> {
    const def = this.#jobs.get(name)!;
    const jobId = job.id;
    const log = this.log.child({ job: name, jobId, requestId: job.data.requestId ?? randomId(6) });
    const started = performance.now();
    const observe = (outcome: "completed" | "failed") =>
      metrics.jobSeconds.observe({ kind: name, outcome }, (performance.now() - started) / 1000);
    let progressed = false;
    const progress = async () => {
      progressed = true;
      await this.#progress.record(jobId, name, this.#clock.now());
    };
    try {
      // A payload that no longer parses is a bug (or a stale job from an older version): say so loudly.
      const payload = def.payload.parse(job.data.payload);
      await handler({ payload, jobId, log, retryCount: job.retryCount, progress });
    } catch (error) {
      observe("failed");
      return this.#settleFailure(def, job, error, log, progressed);
    }
    observe("completed");
    if (progressed || job.retryCount > 0) await this.#progress.forget(jobId);
    return "completed";
  }

  async #settleFailure(
    def: AnyJob,
    job: JobWithMetadata<Envelope>,
    error: unknown,
    log: Logger,
    progressed: boolean,
  ): Promise<Outcome> {
    const attempt = { id: job.id, retryCount: job.retryCount };
    const output = { message: error instanceof Error ? error.message : String(error) };
    const now = this.#clock.now();
    const since = await this.#progress.lastOrStart(job.id, def.name, now);
    const stalledMs = now.getTime() - since.getTime();
    const outOfAttempts = def.retry.limit !== "until-stalled" && job.retryCount >= def.retry.limit;
    if (stalledMs >= this.#stallMs || outOfAttempts) {
      const reason = outOfAttempts
        ? `failed ${job.retryCount + 1} times`
        : `no progress for ${Math.round(stalledMs / 1000)} s`;
      log.error({ err: error, reason }, "job failed for good");
      await this.#failForGood(def.name, attempt, { ...output, gaveUp: reason });
      await this.#progress.forget(job.id);
      return "gave-up";
    }
    // An attempt that moved forward counts the failures afresh (pg-boss's count only grows).
    const waitMs = retryAfterMsOf(error) ?? backoffMs(def.retry, progressed ? 0 : job.retryCount);
    log.warn({ err: error, retryInMs: waitMs }, "job failed; retrying");
    await this.#boss.fail(def.name, attempt, output);
    // Now in `retry`, due at once (the queue has no delay of its own): push it back.
    const dueInSeconds = Math.ceil(waitMs / 1000);
    if (dueInSeconds > 0)
      await this.#boss.update(def.name, undefined, { id: job.id, startAfter: dueInSeconds });
    this.#wakeWhenDue(def.name, dueInSeconds);
    return "retrying";
  }

  /**
   * A retry coming due sends no NOTIFY, so without this it waited for the backstop poll (5 s) on
   * top of its delay: a record's one unlucky fault cost it seconds more than its backoff. This
   * process's worker for the queue looks again just after it is due (a quarter second for clocks).
   */
  #wakeWhenDue(name: string, dueInSeconds: number): void {
    const lanes = this.#workerIds.get(name) ?? [];
    if (lanes.length === 0) return;
    const timer = setTimeout(
      () => {
        if (this.#started) for (const id of lanes) this.#boss.notifyWorker(id);
      },
      dueInSeconds * 1000 + 250,
    );
    timer.unref();
  }

  /** pg-boss has no "fail, no more retries" for one job outside a batch result: end its retries, then fail it. */
  async #failForGood(name: string, attempt: JobAttempt, output: object): Promise<void> {
    await this.#boss
      .getDb()
      .executeSql(
        `UPDATE "${this.#schema}".job SET retry_limit = retry_count WHERE name = $1 AND id = $2 AND retry_count = $3 AND state = 'active'`,
        [name, attempt.id, attempt.retryCount],
      );
    await this.#boss.fail(name, attempt, output);
  }
}
