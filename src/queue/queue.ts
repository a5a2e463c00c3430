import PgBoss from "pg-boss";
import type { Kysely } from "kysely";
import type { DatabaseHandle } from "../db/kysely.ts";
import type { Logger } from "../lib/logger.ts";
import { randomId } from "../lib/ids.ts";
import { metrics } from "../lib/metrics.ts";
import type { AnyJob, Handlers, JobDefinition, JobHandler } from "./catalogue.ts";
import { kyselyAsPgBossDb } from "./pgboss-db.ts";

interface Envelope {
  payload: unknown;
  requestId?: string;
}

/**
 * The only module that knows pg-boss. Jobs are defined in a catalogue; `enqueue` writes in the
 * caller's transaction (a rollback un-sends the job); handlers only ever see parsed payloads.
 */
export class JobQueue {
  readonly #boss: PgBoss;
  readonly #jobs: Map<string, AnyJob>;
  readonly #schema: string;
  #started = false;

  constructor(
    private readonly handle: DatabaseHandle,
    catalogue: AnyJob[],
    private readonly log: Logger,
    opts: {
      databaseUrl?: string;
      pollingIntervalSeconds?: number;
      /**
       * false: `start()` only installs pg-boss's tables and creates the queues and schedules, with no
       * maintenance or cron timers (what `ledgerlink migrate` needs before it exits). Default true.
       */
      background?: boolean;
    } = {},
  ) {
    this.#jobs = new Map(catalogue.map((j) => [j.name, j]));
    const schema = `${handle.schema === "public" ? "" : `${handle.schema}_`}pgboss`;
    this.#schema = schema;
    const background = opts.background ?? true;
    const common = {
      schema,
      pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 1,
      supervise: background,
      schedule: background,
    };
    // On PostgreSQL pg-boss keeps its own pool; on PGlite it must go through our one connection.
    this.#boss =
      handle.kind === "postgres" && opts.databaseUrl
        ? new PgBoss({ ...common, connectionString: opts.databaseUrl, max: 4 })
        : new PgBoss({ ...common, db: { executeSql: handle.executeSql } as PgBoss.Db });
    this.#boss.on("error", (error: unknown) => this.log.error({ err: error }, "job queue error"));
  }

  async start(): Promise<void> {
    if (this.#started) return;
    await this.#boss.start();
    for (const job of this.#jobs.values()) {
      await this.#boss.createQueue(job.name, {
        name: job.name,
        policy: job.policy ?? "standard",
        retryLimit: job.retry.limit,
        retryDelay: job.retry.delaySeconds,
        retryBackoff: job.retry.backoff,
        ...(job.expireInSeconds ? { expireInSeconds: job.expireInSeconds } : {}),
      });
      if (job.cron) await this.#boss.schedule(job.name, job.cron.expression, { payload: job.cron.payload });
    }
    this.#started = true;
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
      db: kyselyAsPgBossDb(trx) as PgBoss.Db,
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

  /** Starts polling workers for every job that has a handler. */
  async work(handlers: Handlers, opts: { onJobDone?: () => void; batchSize?: number } = {}): Promise<void> {
    for (const [name, handler] of Object.entries(handlers)) {
      if (!this.#jobs.has(name)) throw new Error(`No job named ${name} in the catalogue`);
      const options = { batchSize: opts.batchSize ?? 1, includeMetadata: true as const };
      await this.#boss.work<Envelope>(name, options, async (jobs) => {
        // pg-boss completes or fails the whole batch together, so jobs in a batch run in order.
        for (const job of jobs) {
          await this.#run(name, handler, job.id, job.data, job.retryCount);
          opts.onJobDone?.();
        }
      });
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
        try {
          await this.#run(name, handler, job.id, job.data, job.retryCount);
          await this.#boss.complete(name, job.id);
        } catch (error) {
          await this.#boss.fail(name, job.id, { message: String(error) });
        }
      }
    }
    return ran;
  }

  /** Job counts per queue and state, for `ledgerlink status` and /readyz. */
  async depth(): Promise<Array<{ name: string; queued: number }>> {
    const out = [];
    for (const name of this.#jobs.keys()) out.push({ name, queued: await this.#boss.getQueueSize(name) });
    return out;
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
   * Stops polling at once, waits up to `graceSeconds` (default 10) for the jobs in hand to finish,
   * then fails those still running so they are retried elsewhere.
   */
  async stop(opts: { graceSeconds?: number } = {}): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    await this.#boss.stop({ graceful: true, wait: true, timeout: (opts.graceSeconds ?? 10) * 1000 });
  }

  async #run(name: string, handler: JobHandler<unknown>, jobId: string, data: Envelope, retryCount: number) {
    const job = this.#jobs.get(name)!;
    const log = this.log.child({ job: name, jobId, requestId: data.requestId ?? randomId(6) });
    // A payload that no longer parses is a bug (or a stale job from an older version): say so loudly.
    const started = performance.now();
    const observe = (outcome: "completed" | "failed") =>
      metrics.jobSeconds.observe({ kind: name, outcome }, (performance.now() - started) / 1000);
    try {
      const payload = job.payload.parse(data.payload);
      await handler({ payload, jobId, log, retryCount });
    } catch (error) {
      observe("failed");
      throw error;
    }
    observe("completed");
  }
}
