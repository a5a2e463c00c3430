import { hostname } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import type { Config } from "./config.ts";
import { openDatabase, type DatabaseHandle } from "./db/kysely.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { ensureInstalledAt, recordHeartbeat } from "./db/instance.ts";
import { createApp } from "./http/app.tsx";
import type { VendorApps } from "./features/connections/index.ts";
import { systemClock, type Clock } from "./lib/clock.ts";
import { SecretBox } from "./lib/crypto.ts";
import { randomId } from "./lib/ids.ts";
import type { Logger } from "./lib/logger.ts";
import { resolveSecretKey } from "./lib/secret-key.ts";
import { JobQueue } from "./queue/queue.ts";
import { realSleep } from "./connectors/http-client.ts";
import { RateBudget } from "./connectors/rate-budget.ts";
import { rateBudgetStore } from "./db/rate-budgets.ts";
import { jobCatalogue, jobHandlers } from "./features/catalogue.ts";
import { createVendorClients, type VendorClients } from "./features/connections/index.ts";
import { smtpMailer } from "./connectors/smtp.ts";
import type { AutomationDeps } from "./features/automations/index.ts";

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
  return openDatabase({ databaseUrl: config.databaseUrl, dataDir: embeddedDatabaseDir(config) });
}

export async function startRuntime(
  config: Config,
  roles: { web: boolean; worker: boolean },
  logger: Logger,
  clock: Clock = systemClock,
): Promise<Runtime> {
  const database = await openConfiguredDatabase(config);
  const closers: Array<() => Promise<void>> = [() => database.close()];
  const close = async () => {
    for (const fn of closers.reverse())
      await fn().catch((err: unknown) => logger.error({ err }, "close failed"));
  };
  try {
    const secrets = new SecretBox(
      resolveSecretKey(config.secretKey, config.dataDir),
      config.previousSecretKeys,
    );
    const applied = await migrateToLatest(database, { secrets });
    if (applied.length) logger.info({ applied }, "migrations applied");
    await ensureInstalledAt(database.db, clock);

    const queue = new JobQueue(database, jobCatalogue, logger, { databaseUrl: config.databaseUrl });
    await queue.start();
    closers.push(() => queue.stop());

    const vendors = vendorApps(config, clock);
    const budget = new RateBudget({ store: rateBudgetStore(database.db), clock, sleep: realSleep });
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
      closers.push(await startWorker(database, queue, clients, logger, clock, automations));
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
      });
      const server = await listen(app.fetch, config.host, config.port);
      url = config.publicUrl;
      port = server.port;
      closers.push(server.close);
      logger.info({ url, port: server.port }, "Ledgerlink web listening");
    }
    return { database, queue, secrets, url, port, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function startWorker(
  database: DatabaseHandle,
  queue: JobQueue,
  clients: VendorClients,
  logger: Logger,
  clock: Clock,
  automations: AutomationDeps,
) {
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
  const handlers = jobHandlers({ db: database.db, logger, clock, clients, queue, automations });
  await queue.work(handlers, { onJobDone: () => (beat.jobsCompleted += 1) });
  logger.info({ workerId: beat.workerId }, "worker started");
  return async () => clearInterval(timer);
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
