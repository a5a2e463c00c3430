import { hostname } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import type { Config } from "./config.ts";
import { openDatabase, type DatabaseHandle } from "./db/kysely.ts";
import { announceEmbeddedOwner } from "./db/embedded-lock.ts";
import { migrateToLatest, underMigrationLock } from "./db/migrate.ts";
import type { MigrationContext } from "./db/migrations/index.ts";
import {
  databaseError,
  ensureInstalledAt,
  readKeyCheck,
  recordHeartbeat,
  removeHeartbeat,
  writeKeyCheck,
} from "./db/instance.ts";
import { createApp } from "./http/app.tsx";
import { metricsRoutes } from "./http/metrics.ts";
import type { VendorApps } from "./features/connections/index.ts";
import { isMovableClock, systemClock, type Clock } from "./lib/clock.ts";
import { SecretBox } from "./lib/crypto.ts";
import { randomId } from "./lib/ids.ts";
import type { Logger } from "./lib/logger.ts";
import { resolveSecretKey } from "./lib/secret-key.ts";
import { JobQueue } from "./queue/queue.ts";
import { runSchedulesOnJump, type TimeJumps } from "./queue/time-jumps.ts";
import { realSleep } from "./connectors/http-client.ts";
import { RateBudget } from "./connectors/rate-budget.ts";
import { rateBudgetStore } from "./db/rate-budgets.ts";
import { jobCatalogue, jobHandlers, sealedSecretStores } from "./features/catalogue.ts";
import { syncHubSpotSubscriptions } from "./features/settings/index.ts";
import { ConfigurationError, errorMessage } from "./lib/errors.ts";
import { verifySecretKeys } from "./lib/sealed-secrets.ts";
import type { Handlers } from "./queue/catalogue.ts";
import { createVendorClients } from "./features/connections/index.ts";
import { smtpMailer } from "./connectors/smtp.ts";
import type { AutomationDeps } from "./features/automations/index.ts";
import { timelineInvoiceUrl, type TimelineDeps } from "./features/invoices/index.ts";

/**
 * The composition root: the only place that picks concrete implementations and wires them.
 * Every role (web, worker, both in the demo) starts through here.
 */
export interface Runtime {
  database: DatabaseHandle;
  queue: JobQueue;
  secrets: SecretBox;
  url?: string;
  /** The port actually bound (differs from the configured one when that was 0). */
  port?: number;
  /** The clock every part reads: systemClock unless the demo passed its movable one. */
  clock: Clock;
  /** With a movable clock only: its jumps enqueue the scheduled jobs (docs/adr/0025-demo-time-travel.md). */
  timeJumps?: TimeJumps;
  /** A worker-only process's own `/metrics` port, when METRICS_PORT and METRICS_TOKEN are set. */
  metricsPort?: number;
  close(): Promise<void>;
}

/** The vendor apps as configured; a vendor without credentials is simply absent. */
export function vendorApps(config: Config, clock: Clock, fetchFn: typeof fetch = fetch): VendorApps {
  const { hubspot, intuit } = config;
  return {
    hubspot:
      hubspot.clientId && hubspot.clientSecret
        ? {
            clientId: hubspot.clientId,
            clientSecret: hubspot.clientSecret,
            redirectUri: `${config.publicUrl}/oauth/hubspot/callback`,
            authBaseUrl: hubspot.authBaseUrl,
            apiBaseUrl: hubspot.apiBaseUrl,
            fetch: fetchFn,
            clock,
          }
        : undefined,
    intuit:
      intuit.clientId && intuit.clientSecret
        ? {
            clientId: intuit.clientId,
            clientSecret: intuit.clientSecret,
            redirectUri: `${config.publicUrl}/oauth/qbo/callback`,
            authBaseUrl: intuit.authBaseUrl,
            oauthBaseUrl: intuit.oauthBaseUrl,
            revokeBaseUrl: intuit.revokeBaseUrl,
            apiBaseUrl: intuit.apiBaseUrl,
            fetch: fetchFn,
            clock,
          }
        : undefined,
  };
}

export function embeddedDatabaseDir(config: Pick<Config, "dataDir">): string {
  return join(config.dataDir, "db");
}

export async function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
  return openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: embeddedDatabaseDir(config),
    embedded: { sharedBuffers: config.embeddedSharedBuffers },
  });
}

/** The database did not answer at start; `cause` is what the server or the network said. */
export class DatabaseUnreachableError extends Error {
  constructor(override readonly cause: unknown) {
    super(`the database is unreachable: ${errorMessage(cause)}`, { cause });
    this.name = "DatabaseUnreachableError";
  }
}

export const MISSING_SECRET_KEY =
  "LEDGERLINK_SECRET_KEY is not set: with DATABASE_URL every serve and worker process needs the same key " +
  "(32 random bytes, base64-encoded: openssl rand -base64 32); see docs/operations.md";

/**
 * The secret box from the configured keys. A server (DATABASE_URL) must be given its key: every
 * process has to share it, and a key written to one machine's disk would be lost with that disk.
 * Only the embedded database keeps a key of its own in its data directory.
 */
export function secretBoxFor(config: Config): SecretBox {
  if (!config.secretKey && config.databaseUrl) throw new ConfigurationError(MISSING_SECRET_KEY);
  const current = resolveSecretKey(config.secretKey, config.dataDir);
  for (const [i, key] of config.previousSecretKeys.entries()) {
    try {
      new SecretBox(key);
    } catch {
      throw new ConfigurationError(
        `LEDGERLINK_PREVIOUS_SECRET_KEYS: key ${i + 1} is not 32 bytes, base64-encoded (keys are separated by commas)`,
      );
    }
  }
  return new SecretBox(current, config.previousSecretKeys);
}

/**
 * Our migrations, then pg-boss's schema and queues (and the queue started), under one advisory
 * lock: `serve`, `worker` and `migrate` processes starting together on an empty database take
 * turns here instead of deadlocking (ADR 0030). Returns the migrations applied.
 */
export async function prepareDatabase(
  database: DatabaseHandle,
  queue: JobQueue,
  ctx: MigrationContext,
): Promise<string[]> {
  return underMigrationLock(database, async () => {
    const applied = await migrateToLatest(database, ctx);
    await queue.start();
    return applied;
  });
}

/**
 * Starts the roles asked for. `serve` and `worker` pass no clock (the system's); only the demo
 * passes a movable one, which also turns on time travel: the demo banner and its route, and the
 * scheduled jobs enqueued at every jump (docs/adr/0025-demo-time-travel.md).
 */
export async function startRuntime(
  config: Config,
  roles: { web: boolean; worker: boolean },
  logger: Logger,
  clock: Clock = systemClock,
): Promise<Runtime> {
  const secrets = secretBoxFor(config);
  const database = await openConfiguredDatabase(config);
  const closers: Array<() => Promise<void>> = [() => database.close()];
  const close = async () => {
    for (const fn of closers.reverse())
      await fn().catch((err: unknown) => logger.error({ err }, "close failed"));
  };
  try {
    const unreachable = await databaseError(database.db);
    if (unreachable !== undefined) throw new DatabaseUnreachableError(unreachable);
    const queue = new JobQueue(database, jobCatalogue, logger, {
      databaseUrl: config.databaseUrl,
      // The stall timer reads real time: the demo's time travel must not make a retry look stalled.
      stallTimeoutSeconds: config.jobStallTimeoutSeconds,
      // The embedded database's owner is alone by its lock (ADR 0036): active jobs are a dead owner's.
      soleOwner: database.kind === "pglite",
    });
    const applied = await prepareDatabase(database, queue, { secrets });
    closers.push(() => queue.stop());
    if (applied.length) logger.info({ applied }, "migrations applied");
    await ensureInstalledAt(database.db, clock);
    // A wrong key is found now, not at the first token refresh hours later (docs/operations.md).
    const check = await verifySecretKeys(
      secrets,
      await readKeyCheck(database.db),
      sealedSecretStores(database.db),
    );
    if (check) await writeKeyCheck(database.db, check, clock.now());

    const movable = isMovableClock(clock) ? clock : undefined;
    const timeJumps = movable ? runSchedulesOnJump(movable, queue, database.db, logger) : undefined;
    if (timeJumps) closers.push(async () => timeJumps.stop());

    const vendors = vendorApps(config, clock);
    const budget = new RateBudget({ store: rateBudgetStore(database.db), clock, sleep: realSleep });
    let metricsPort: number | undefined;
    const clients = createVendorClients({
      db: database.db,
      secrets,
      clock,
      sleep: realSleep,
      budget,
      hubspot: vendors.hubspot,
      intuit: vendors.intuit,
    });
    if (roles.worker) {
      // W3: deliveries happen in the worker; e-mail only when SMTP is configured.
      const mailer = config.smtp ? smtpMailer(config.smtp) : undefined;
      if (mailer) closers.push(async () => mailer.close());
      const automations: AutomationDeps = { fetch, secrets, mailer };
      const health = {
        failureThreshold: config.healthFailureThreshold,
        publicUrl: config.publicUrl,
        syncStallTimeoutMs: config.syncStallTimeoutMs,
      };
      const { appId, developerApiKey, apiBaseUrl } = config.hubspot;
      const hubspotDeveloper =
        appId && developerApiKey ? { fetch, apiBaseUrl, appId, developerApiKey } : undefined;
      const handlers = jobHandlers({
        db: database.db,
        logger,
        clock,
        clients,
        queue,
        automations,
        hubspotDeveloper,
        ...health,
        ...timelineApp(config),
      });
      const worker = await startWorker(database, queue, handlers, logger, clock);
      // Mappings may have changed while no worker had the key (or before an upgrade): catch up once.
      if (hubspotDeveloper) await queue.enqueue(database.db, syncHubSpotSubscriptions, {});
      closers.push(worker.stop);
      // A worker-only process has no web server: it serves its own counters when asked to (ADR 0028).
      if (!roles.web && config.metricsToken && config.metricsPort !== undefined) {
        const metricsApp = metricsRoutes({ token: config.metricsToken });
        const server = await listen(metricsApp.fetch, config.host, config.metricsPort);
        closers.push(server.close);
        metricsPort = server.port;
        logger.info({ port: server.port }, "worker metrics listening");
      }
    }
    let url: string | undefined;
    let port: number | undefined;
    if (roles.web) {
      const app = createApp({
        config,
        database,
        logger,
        clock,
        queue,
        secrets,
        vendors: vendorApps(config, clock),
        clients,
        intuitVerifierToken: config.intuit.webhookVerifierToken,
        smtpConfigured: config.smtp !== undefined,
        timeTravel: movable,
        metricsToken: config.metricsToken,
      });
      const server = await listen(app.fetch, config.host, config.port);
      // On port 0 the default address names the port the system picked, so people and scripts
      // (the chaos suite) read where it answers from the "listening" line.
      url = config.port === 0 ? config.publicUrl.replace(/:0(?=\/|$)/, `:${server.port}`) : config.publicUrl;
      port = server.port;
      closers.push(server.close);
      // A command refused the embedded directory can then say where this instance answers (ADR 0036).
      if (database.kind === "pglite") announceEmbeddedOwner(embeddedDatabaseDir(config), url);
      logger.info({ url, port: server.port }, "Ledgerlink web listening");
    }
    return { database, queue, secrets, url, port, metricsPort, clock, timeJumps, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Starts taking jobs and beating. `stop` is the graceful end (SIGTERM): take no new job, let the
 * jobs in hand finish within the grace period (pg-boss fails what is still running then, so another
 * worker retries it), then remove this worker's heartbeat row so `status` stops listing it.
 */
export async function startWorker(
  database: DatabaseHandle,
  queue: JobQueue,
  handlers: Handlers,
  logger: Logger,
  clock: Clock,
  opts: { graceSeconds?: number } = {},
): Promise<{ workerId: string; stop: () => Promise<void> }> {
  const beat = {
    workerId: randomId(8),
    hostname: hostname(),
    pid: process.pid,
    startedAt: clock.now(),
    lastSeenAt: clock.now(),
    jobsCompleted: 0,
  };
  // A missed heartbeat only makes the worker look idle for a while: log it, never crash on it.
  const heartbeat = () =>
    recordHeartbeat(database.db, { ...beat, lastSeenAt: clock.now() }).catch((err: unknown) =>
      logger.warn({ err }, "heartbeat failed"),
    );
  await heartbeat();
  const timer = setInterval(() => {
    heartbeat().catch(() => undefined); // already logged inside
  }, 30_000);
  timer.unref();
  await queue.work(handlers, { onJobDone: () => (beat.jobsCompleted += 1) });
  logger.info({ workerId: beat.workerId }, "worker started");
  const stop = async () => {
    clearInterval(timer);
    logger.info({ workerId: beat.workerId }, "worker stopping: finishing the jobs in hand");
    await queue.stop({ graceSeconds: opts.graceSeconds });
    await removeHeartbeat(database.db, beat.workerId);
    logger.info({ workerId: beat.workerId, jobsCompleted: beat.jobsCompleted }, "worker stopped");
  };
  return { workerId: beat.workerId, stop };
}

function listen(fetch: (req: Request) => Response | Promise<Response>, host: string, port: number) {
  return new Promise<{ port: number; close: () => Promise<void> }>((resolve, reject) => {
    const server = serve({ fetch, hostname: host, port }, (info: AddressInfo) =>
      resolve({ port: info.port, close: () => new Promise<void>((done) => server.close(() => done())) }),
    );
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`Port ${port} is already in use; set PORT to another port`)
          : error,
      ),
    );
  });
}

/** The invoice timeline events need the app's developer API key for its templates (ADR 0038). */
function timelineApp(config: Config): { timeline?: TimelineDeps["timeline"] } {
  const { appId, developerApiKey, apiBaseUrl } = config.hubspot;
  if (!appId || !developerApiKey) return {};
  const qbo = config.intuit.apiBaseUrl;
  return {
    timeline: {
      fetch,
      apiBaseUrl,
      appId,
      developerKey: developerApiKey,
      invoiceUrl: (realmId, qboInvoiceId) => timelineInvoiceUrl(qbo, realmId, qboInvoiceId),
    },
  };
}
