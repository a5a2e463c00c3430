import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { realSleep } from "../src/connectors/http-client.ts";
import { hubspotPropertiesApi } from "../src/connectors/hubspot/properties.ts";
import { RateBudget } from "../src/connectors/rate-budget.ts";
import { openDatabase } from "../src/db/kysely.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { findInitialSync } from "../src/features/record-sync/repo/initial-syncs.ts";
import { upsertPortal } from "../src/features/connections/repo/portals.ts";
import { upsertQboConnection } from "../src/features/connections/repo/qbo-connections.ts";
import { rateBudgetStore } from "../src/db/rate-budgets.ts";
import { systemClock } from "../src/lib/clock.ts";
import { silentLogger } from "../src/lib/logger.ts";
import type { Progress } from "../src/features/record-sync/initial/progress.ts";
import { LIMITS } from "../src/features/record-sync/initial/progress.ts";
import { createsBoundSeconds } from "../src/features/record-sync/engine/plan.ts";
import { BATCH_SIZE } from "../src/connectors/qbo/batch.ts";
import { QBO_LIMITS } from "../src/emulators/qbo/api-routes.ts";
import { initialSyncHandler } from "../src/features/record-sync/initial/run.ts";
import { startInitialSync } from "../src/features/record-sync/initial/service.ts";
import { setupPortal } from "../src/features/connections/portal-setup.ts";
import { syncSettingsSchema } from "../src/features/settings/schema.ts";
import { saveSettings } from "../src/features/settings/store.ts";
import { ensureSyncSetup } from "../src/features/settings/setup.ts";
import { createVendorClients } from "../src/features/connections/vendor-clients.ts";
import { testSecrets } from "../test/support/app.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface InitialSyncFigure {
  direction: "to_hubspot" | "to_qbo";
  records: number;
  created: number;
  wallMs: number;
  lowerBoundMs: number;
  calls: { qboReads: number; hubspotCalls: number; qboBatches: number };
  database: "postgres" | "pglite";
  /** RSS when the run started (the database client, the code) and the highest seen during it. */
  baselineRssMb: number;
  peakRssMb: number;
}

interface Host {
  qboUrl: string;
  hubspotUrl: string;
  realmId: string;
  portalId: number;
  qboToken: { access_token: string; refresh_token: string };
  hsToken: { access_token: string; refresh_token: string };
  app: { clientId: string; clientSecret: string };
}

/** Starts the emulators in their own process (bench/emulator-host.ts) and waits for their URLs. */
async function startHost(customers: number, contacts: number) {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "bench/emulator-host.ts",
      "--customers",
      String(customers),
      "--contacts",
      String(contacts),
    ],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`emulator host exited with ${code}`)));
  });
  return { host: JSON.parse(line) as Host, stop: () => child.kill() };
}

/**
 * Issue 7's initial sync against the emulators over HTTP, their real rate limits on: `customers`
 * QBO customers into HubSpot contacts, or `contacts` HubSpot contacts into QBO customers. Runs the
 * real job handler on an embedded database and measures wall time and this process's peak RSS.
 */
export async function benchInitialSync(
  direction: "to_hubspot" | "to_qbo",
  records: number,
): Promise<InitialSyncFigure> {
  const { host, stop } = await startHost(
    direction === "to_hubspot" ? records : 0,
    direction === "to_qbo" ? records : 0,
  );
  // PostgreSQL when given (the production set-up, and this process's memory is then Ledgerlink's
  // own); otherwise the embedded database, whose WebAssembly heap alone is most of the RSS.
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const dir = mkdtempSync(join(tmpdir(), "ledgerlink-bench-"));
  const schema = databaseUrl ? `bench_${process.pid}_${direction}_${records}` : undefined;
  const database = await openDatabase({ databaseUrl, schema, dataDir: join(dir, "db") });
  try {
    await migrateToLatest(database);
    const db = database.db;
    const now = new Date();
    const portalId = String(host.portalId);
    await upsertPortal(
      db,
      {
        portalId,
        appId: "1",
        companyCurrency: "USD",
        timeZone: "UTC",
        accessToken: testSecrets.seal(host.hsToken.access_token, `hubspot:${portalId}`),
        refreshToken: testSecrets.seal(host.hsToken.refresh_token, `hubspot:${portalId}`),
        accessExpiresAt: new Date(now.getTime() + 1_700_000),
        scopes: ["oauth"],
      },
      now,
    );
    const connectionId = "bench";
    await upsertQboConnection(
      db,
      {
        connectionId,
        portalId,
        realmId: host.realmId,
        companyName: "Bench Co",
        country: "US",
        homeCurrency: "USD",
        multiCurrency: false,
        customTxnNumbers: false,
        timeZone: "UTC",
        accessToken: testSecrets.seal(host.qboToken.access_token, `qbo:${connectionId}`),
        refreshToken: testSecrets.seal(host.qboToken.refresh_token, `qbo:${connectionId}`),
        accessExpiresAt: new Date(now.getTime() + 3_500_000),
        refreshExpiresAt: new Date(now.getTime() + 86_400_000),
      },
      now,
    );
    const common = { ...host.app, redirectUri: "http://127.0.0.1/cb", fetch, clock: systemClock };
    const clients = createVendorClients({
      db,
      secrets: testSecrets,
      clock: systemClock,
      sleep: realSleep,
      budget: new RateBudget({ store: rateBudgetStore(db), clock: systemClock, sleep: realSleep }),
      hubspot: { ...common, authBaseUrl: host.hubspotUrl, apiBaseUrl: host.hubspotUrl },
      intuit: {
        ...common,
        authBaseUrl: host.qboUrl,
        oauthBaseUrl: host.qboUrl,
        revokeBaseUrl: host.qboUrl,
        apiBaseUrl: host.qboUrl,
      },
    });
    const portal = { portalId, appId: "1" };
    const setup = await setupPortal(hubspotPropertiesApi(clients.hubspot(portal)), "en");
    if (!setup.ok) throw new Error(`portal set-up: ${setup.error}`);
    await ensureSyncSetup(db, connectionId, now);
    await saveSettings(
      db,
      connectionId,
      syncSettingsSchema.parse({ contacts: { enabled: true, direction } }),
      now,
    );
    const started = await startInitialSync(
      db,
      { enqueue: async () => null },
      connectionId,
      "contacts",
      new Date(),
    );
    if (!started.ok) throw new Error(started.error);

    // The emulators' own rolling windows and our buckets start full, as on a fresh connection.
    await realSleep(11_000);
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const t0 = performance.now();
    await initialSyncHandler(
      { db, clock: systemClock, clients },
      { payload: { syncId: started.value }, jobId: started.value, log: silentLogger, retryCount: 0 },
    );
    const wallMs = performance.now() - t0;
    clearInterval(sampler);
    const run = await findInitialSync(db, started.value);
    if (run?.status !== "done") throw new Error(`initial sync ended ${run?.status}: ${run?.error ?? ""}`);
    const progress = run.progress as Progress;
    const calls =
      direction === "to_hubspot"
        ? {
            qboReads: Math.ceil(records / 1000) + 1,
            hubspotCalls: Math.ceil(records / 100) + 1,
            qboBatches: 0,
          }
        : { qboReads: 1, hubspotCalls: Math.ceil(records / 100), qboBatches: Math.ceil(records / 30) };
    // Requests needed ÷ allowed rate, on each side; reading and writing overlap, so the slower side
    // bounds. Into QBO, every window counts (ADR 0032): 500 requests a minute of which 40 batches of
    // 30, 10 a second; 40 batches + 460 singles move 1,660 records a minute.
    const lowerBoundMs =
      1000 *
      (direction === "to_hubspot"
        ? Math.max(calls.qboReads / LIMITS.qboPerSecond, calls.hubspotCalls / LIMITS.hubspotPerSecond)
        : Math.max(
            calls.hubspotCalls / LIMITS.hubspotPerSecond,
            createsBoundSeconds(
              records,
              {
                perMinute: QBO_LIMITS.perMinute,
                perSecond: QBO_LIMITS.perSecond,
                batchPerMinute: QBO_LIMITS.batchPerMinutePerApp,
                batchSize: BATCH_SIZE,
              },
              calls.qboReads,
            ),
          ));
    return {
      direction,
      records,
      created: progress.counts.created,
      wallMs,
      lowerBoundMs,
      calls,
      database: databaseUrl ? "postgres" : "pglite",
      baselineRssMb: baseline / 2 ** 20,
      peakRssMb: peak / 2 ** 20,
    };
  } finally {
    stop();
    if (databaseUrl && schema) await database.db.schema.dropSchema(schema).ifExists().cascade().execute();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
