import pg from "pg";
import { realSleep } from "../../src/connectors/http-client.ts";
import { hubspotPropertiesApi } from "../../src/connectors/hubspot/properties.ts";
import { RateBudget } from "../../src/connectors/rate-budget.ts";
import { openDatabase, type DatabaseHandle } from "../../src/db/kysely.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";
import { rateBudgetStore } from "../../src/db/rate-budgets.ts";
import { jobCatalogue } from "../../src/features/catalogue.ts";
import { setupPortal } from "../../src/features/connections/portal-setup.ts";
import { markPortalSetUp, upsertPortal } from "../../src/features/connections/repo/portals.ts";
import { upsertQboConnection } from "../../src/features/connections/repo/qbo-connections.ts";
import { createVendorClients } from "../../src/features/connections/vendor-clients.ts";
import { pushInvoice } from "../../src/features/invoices/index.ts";
import { startInitialSync } from "../../src/features/record-sync/initial/service.ts";
import { syncSettingsSchema } from "../../src/features/settings/schema.ts";
import { ensureSyncSetup } from "../../src/features/settings/setup.ts";
import { saveSettings } from "../../src/features/settings/store.ts";
import { systemClock } from "../../src/lib/clock.ts";
import { SecretBox } from "../../src/lib/crypto.ts";
import { silentLogger } from "../../src/lib/logger.ts";
import type { AnyJob } from "../../src/queue/catalogue.ts";
import { JobQueue } from "../../src/queue/queue.ts";
import { CHAOS_APP, type Host } from "./emulator-host.ts";
import type { Backend } from "./processes.ts";

export const CONNECTION_ID = "chaos";

/** A database of its own for one run on the PostgreSQL server (dropped by `dropDatabase`). */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export interface Work {
  initialSync?: "to_hubspot" | "to_qbo" | "two_way";
  /** Invoice drafts to push: each with its memo and its customer (existing id, or a new one's name). */
  drafts?: Array<{ memo: string; dealId: string; customer: { existing: string } | { newName: string } }>;
}

/**
 * What an operator would have done before the run: Ledgerlink migrated, the portal and the QBO
 * company connected (tokens the emulators issued, sealed with the run's key), HubSpot's
 * properties set up, contacts sync on in the scenario's direction. Then the scenario's work is
 * queued through Ledgerlink's own services, in one go, and the database closed again: the
 * embedded database has one owner (ADR 0036), and that must be the worker.
 */
export async function seedAndQueue(backend: Backend, host: Host, work: Work): Promise<void> {
  const secrets = new SecretBox(backend.secretKey);
  const database: DatabaseHandle = await openDatabase({
    databaseUrl: backend.databaseUrl,
    dataDir: `${backend.dataDir}/db`,
  });
  try {
    await migrateToLatest(database, { secrets });
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
        accessToken: secrets.seal(host.hsToken.access_token, `hubspot:${portalId}`),
        refreshToken: secrets.seal(host.hsToken.refresh_token, `hubspot:${portalId}`),
        accessExpiresAt: new Date(now.getTime() + 1_700_000),
        scopes: ["oauth"],
      },
      now,
    );
    await upsertQboConnection(
      db,
      {
        connectionId: CONNECTION_ID,
        portalId,
        realmId: host.realmId,
        companyName: "Chaos Co",
        country: "US",
        homeCurrency: "USD",
        multiCurrency: false,
        customTxnNumbers: false,
        timeZone: "UTC",
        accessToken: secrets.seal(host.qboToken.access_token, `qbo:${CONNECTION_ID}`),
        refreshToken: secrets.seal(host.qboToken.refresh_token, `qbo:${CONNECTION_ID}`),
        accessExpiresAt: new Date(now.getTime() + 3_500_000),
        refreshExpiresAt: new Date(now.getTime() + 86_400_000 * 100),
      },
      now,
    );
    const common = { ...CHAOS_APP, redirectUri: "http://127.0.0.1/cb", fetch, clock: systemClock };
    const clients = createVendorClients({
      db,
      secrets,
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
    const setup = await setupPortal(hubspotPropertiesApi(clients.hubspot({ portalId, appId: "1" })), "en");
    if (!setup.ok) throw new Error(`portal set-up: ${setup.error}`);
    // What the set-up job records when it is done: work that waits for the set-up may start (ADR 0033).
    await markPortalSetUp(db, portalId, now);
    await ensureSyncSetup(db, CONNECTION_ID, now);
    const direction = work.initialSync ?? "two_way";
    await saveSettings(
      db,
      CONNECTION_ID,
      syncSettingsSchema.parse({ contacts: { enabled: Boolean(work.initialSync), direction } }),
      now,
    );

    const queue = new JobQueue(database, jobCatalogue, silentLogger, {
      databaseUrl: backend.databaseUrl,
      background: false,
    });
    await queue.start();
    try {
      if (work.initialSync) {
        const started = await startInitialSync(db, queue, CONNECTION_ID, "contacts", now);
        if (!started.ok) throw new Error(`initial sync refused: ${started.error}`);
      }
      for (const [i, draft] of (work.drafts ?? []).entries()) {
        const draftId = `chaos-draft-${i}`;
        const customer =
          "existing" in draft.customer
            ? { kind: "existing", id: draft.customer.existing, displayName: "Chaos Existing Customer" }
            : {
                kind: "new",
                displayName: draft.customer.newName,
                givenName: "Chaos",
                familyName: draft.customer.newName,
              };
        const data = {
          connectionId: CONNECTION_ID,
          source: { kind: "scratch" },
          customer,
          lines: [
            { key: "1", itemId: host.itemId, itemName: "Chaos Service", quantity: 1, unitPrice: 10 + i },
          ],
          invoiceDate: "2026-11-02",
          dueDate: "2026-11-30",
          dueDateEdited: true,
          message: draft.memo,
        };
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto("invoiceDrafts")
            .values({
              draftId,
              portalId,
              dealId: draft.dealId,
              hubspotUserId: `chaos-user-${i}`,
              status: "submitting",
              step: "review",
              data: JSON.stringify(data),
              createdAt: now,
              updatedAt: now,
            })
            .execute();
          await queue.enqueue(trx, pushInvoice, { draftId });
        });
      }
    } finally {
      await queue.stop();
    }
  } finally {
    await database.close();
  }
}

/**
 * Queues jobs the way a user's click or a timer would, between two phases of a run. On the
 * embedded database no worker may be running (it owns the directory, ADR 0036).
 */
export async function enqueueBetweenPhases(
  backend: Backend,
  jobs: Array<{ job: AnyJob; payload: unknown }>,
): Promise<void> {
  const database = await openDatabase({ databaseUrl: backend.databaseUrl, dataDir: `${backend.dataDir}/db` });
  try {
    const queue = new JobQueue(database, jobCatalogue, silentLogger, {
      databaseUrl: backend.databaseUrl,
      background: false,
    });
    await queue.start();
    try {
      await database.db.transaction().execute(async (trx) => {
        for (const { job, payload } of jobs) await queue.enqueue(trx, job, payload);
      });
    } finally {
      await queue.stop();
    }
  } finally {
    await database.close();
  }
}
