import { openDatabase, type Database, type DatabaseHandle } from "../src/db/kysely.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { invoiceKeyOf, linkInvoice, upsertInvoice } from "../src/features/invoices/repo/invoices.ts";
import { upsertPortal } from "../src/features/connections/repo/portals.ts";
import { upsertQboConnection } from "../src/features/connections/repo/qbo-connections.ts";
import { signatureHeaders } from "../src/emulators/hubspot/extensions/signatures.ts";
import { createApp } from "../src/http/app.tsx";
import { ManualClock } from "../src/lib/clock.ts";
import { generateSecretKey, SecretBox } from "../src/lib/crypto.ts";
import { silentLogger } from "../src/lib/logger.ts";

const SECRET = "bench-client-secret";
const PORTAL = "20000001";
const DEAL = "42";
const PUBLIC_URL = "http://ledgerlink.bench";

/**
 * Issue 6: the card endpoint for a deal with `invoices` invoices, fetched `fetches` times with
 * HubSpot's signature, on the embedded database. Reports the 95th percentile (target < 300 ms).
 */
export async function benchCard(invoices = 20, fetches = 200) {
  const handle = await openDatabase({ dataDir: "memory://" });
  await migrateToLatest(handle);
  const clock = new ManualClock("2026-11-02T09:00:00Z");
  const secrets = new SecretBox(generateSecretKey());
  await seedDeal(handle.db, secrets, clock.now(), invoices);
  const app = benchApp(handle, clock, secrets);
  const url = `${PUBLIC_URL}/hubspot/card?userId=1&userEmail=a%40b.c&associatedObjectId=${DEAL}&associatedObjectType=DEAL&portalId=${PORTAL}`;
  const times: number[] = [];
  try {
    for (let i = 0; i < fetches; i++) {
      const headers = signatureHeaders({
        clientSecret: SECRET,
        method: "GET",
        url,
        body: "",
        now: clock.now(),
        legacy: "v2",
      });
      const start = performance.now();
      const res = await app.request(url, { headers });
      const body = (await res.json()) as { results: unknown[] };
      times.push(performance.now() - start);
      if (res.status !== 200 || body.results.length !== invoices)
        throw new Error(`card answered ${res.status} with ${body.results?.length} invoices`);
    }
  } finally {
    await handle.close();
  }
  times.sort((x, y) => x - y);
  const p = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  return { p50: p(0.5), p95: p(0.95), max: times[times.length - 1]!, fetches, invoices };
}

/** Ledgerlink's app as `serve` builds it, minus the vendors' clients: the card must not need them. */
function benchApp(handle: DatabaseHandle, clock: ManualClock, secrets: SecretBox) {
  return createApp({
    config: { dataDir: "memory://", publicUrl: PUBLIC_URL },
    database: handle,
    logger: silentLogger,
    clock,
    secrets,
    vendors: {
      hubspot: {
        clientId: "bench",
        clientSecret: SECRET,
        redirectUri: `${PUBLIC_URL}/cb`,
        authBaseUrl: "http://hubspot.bench",
        apiBaseUrl: "http://hubspot.bench",
        // The card never calls HubSpot; a call would be a bug, so make it loud.
        fetch: () => Promise.reject(new Error("the card endpoint must not call HubSpot")),
        clock,
      },
    },
  });
}

/** A connected portal and company, and one deal with `count` linked invoices, written directly. */
async function seedDeal(db: Database, secrets: SecretBox, now: Date, count: number) {
  const seal = (v: string) => secrets.seal(v);
  const tokens = { accessToken: seal("a"), refreshToken: seal("r"), accessExpiresAt: now };
  await upsertPortal(
    db,
    { portalId: PORTAL, appId: "1", companyCurrency: "USD", timeZone: "UTC", scopes: ["oauth"], ...tokens },
    now,
  );
  const company = { portalId: PORTAL, realmId: "9130000000000001", homeCurrency: "USD" };
  const connectionId = await upsertQboConnection(
    db,
    {
      ...company,
      ...tokens,
      connectionId: "bench",
      companyName: "Bench Co",
      country: "US",
      multiCurrency: false,
      customTxnNumbers: false,
      refreshExpiresAt: now,
    },
    now,
  );
  for (let i = 1; i <= count; i++) {
    const record = {
      qboInvoiceId: String(i),
      docNumber: String(1000 + i),
      customerId: "1",
      customerName: "Customer",
      currency: "USD",
      totalAmt: 100 * i,
      balance: 50 * i,
      txnDate: "2026-10-01",
      dueDate: "2026-10-31",
      emailStatus: "EmailSent",
      printStatus: null,
      deliveredAt: null,
      privateNote: null,
      deleted: false,
      qboUpdatedAt: new Date(now.getTime() - i * 1000),
    };
    const state = i % 3 ? "sent" : "overdue";
    await upsertInvoice(db, { ...company, connectionId, origin: "added", state, record }, now);
    const invoiceKey = invoiceKeyOf(connectionId, record.qboInvoiceId);
    await linkInvoice(db, { invoiceKey, portalId: PORTAL, objectType: "deals", objectId: DEAL }, now);
  }
}
