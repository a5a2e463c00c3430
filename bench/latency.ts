/**
 * Issue 18 item 3 end to end: the emulators in their own process (bench/latency-host.ts) deliver
 * webhooks at once over HTTP to a Ledgerlink web + worker (this process, `startRuntime` as `serve`
 * and `worker` run it). Measures, for `changes` changes each:
 * - QBO change → deal property: a payment that pays a followed invoice in full, from QBO's answer
 *   to the HubSpot deal's `qbo_invoice_status` reading "paid";
 * - HubSpot mapped-property edit → QBO customer: a contact's phone edited "in HubSpot's UI", until
 *   the linked QBO customer has it.
 * Each change is timed alone (the next starts once the previous one landed), polled every 10 ms,
 * and changes start at most one per `CHANGE_EVERY_MS`: a stream of changes, not a load test. Back
 * to back they would come at 5–8 a second, and with 4–5 vendor calls each that is more than the
 * vendors' windows allow (HubSpot 11 calls a second, QBO 9): the figure would then measure the rate
 * limits (the syncs' figures do that), not how long a change waits inside Ledgerlink.
 */
import { spawn } from "node:child_process";
import pg from "pg";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { loadConfig } from "../src/config.ts";
import { upsertPortal } from "../src/features/connections/repo/portals.ts";
import { upsertQboConnection } from "../src/features/connections/repo/qbo-connections.ts";
import { trackInvoices } from "../src/features/invoices/index.ts";
import { ensureSyncSetup } from "../src/features/settings/setup.ts";
import { saveSettings } from "../src/features/settings/store.ts";
import { syncSettingsSchema } from "../src/features/settings/schema.ts";
import { silentLogger } from "../src/lib/logger.ts";
import { startRuntime } from "../src/main.ts";
import { realSleep } from "../src/connectors/http-client.ts";
import { hubspotPropertiesApi } from "../src/connectors/hubspot/properties.ts";
import { RateBudget } from "../src/connectors/rate-budget.ts";
import { rateBudgetStore } from "../src/db/rate-budgets.ts";
import type { Database } from "../src/db/kysely.ts";
import { setupPortal } from "../src/features/connections/portal-setup.ts";
import { createVendorClients } from "../src/features/connections/vendor-clients.ts";
import { systemClock } from "../src/lib/clock.ts";
import { CHANGE_EVERY_MS, percentiles, type Percentiles } from "./table.ts";

export interface LatencyFigure {
  database: "pglite" | "postgres";
  /** End to end: from the vendor's answer to the change until the other side shows it. */
  qboToDeal: Percentiles;
  hubspotToQbo: Percentiles;
  /** Inside Ledgerlink: from the webhook's arrival (inbox row) to the write (its record). */
  qboArrivalToDeal: Percentiles;
  hubspotArrivalToQbo: Percentiles;
}

/** Waits until `CHANGE_EVERY_MS` after the previous change started; returns this change's start. */
async function paced(previous: number): Promise<number> {
  const wait = previous + CHANGE_EVERY_MS - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  return performance.now();
}

interface Took {
  endToEnd: number[];
  inside: number[];
}

/** The first webhook of `vendor` received at or after `since`: when the change reached Ledgerlink. */
async function arrival(db: Database, vendor: "qbo" | "hubspot", since: Date): Promise<number> {
  const row = await db
    .selectFrom("webhookInbox")
    .select((eb) => eb.fn.min("receivedAt").as("first"))
    .where("vendor", "=", vendor)
    .where("receivedAt", ">=", since)
    .executeTakeFirst();
  return row?.first ? new Date(row.first as Date).getTime() : Number.NaN;
}

interface Host {
  qboUrl: string;
  hubspotUrl: string;
  realmId: string;
  portalId: number;
  qboToken: { access_token: string; refresh_token: string };
  hsToken: { access_token: string; refresh_token: string };
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

async function startHost(ledgerlink: string) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "bench/latency-host.ts", "--ledgerlink", ledgerlink],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`latency host exited with ${code}`)));
  });
  return { host: JSON.parse(line) as Host, stop: () => child.kill() };
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
async function call(url: string, method: string, body?: unknown, token?: string): Promise<Json> {
  const res = await fetch(url, {
    method,
    headers: {
      "content-type": "application/json",
      accept: "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Json;
}

/** A fresh database on BENCH_DATABASE_URL's server (default: the test server), dropped afterwards. */
async function scratchDatabase() {
  const admin = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const name = `ledgerlink_latency_${process.pid}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => run(`drop database if exists ${name} with (force)`) };
}

/** Polls until `done` answers true; the time it took, in ms, from `t0`. */
async function until(t0: number, done: () => Promise<boolean>, timeoutMs = 60_000): Promise<number> {
  for (;;) {
    if (await done()) return performance.now() - t0;
    if (performance.now() - t0 > timeoutMs) throw new Error("change did not arrive within 60 s");
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function benchLatency(changes: number): Promise<LatencyFigure> {
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const { host, stop } = await startHost(publicUrl);
  const dir = mkdtempSync(join(tmpdir(), "ledgerlink-latency-"));
  // PostgreSQL gets a database of its own: pg-boss's schema must not meet another run's jobs.
  const scratch = process.env.BENCH_DATABASE === "postgres" ? await scratchDatabase() : undefined;
  const databaseUrl = scratch?.url;
  const loaded = loadConfig({
    PORT: String(port),
    PUBLIC_URL: publicUrl,
    LEDGERLINK_DATA_DIR: dir,
    DATABASE_URL: databaseUrl,
    LEDGERLINK_SECRET_KEY: databaseUrl ? Buffer.alloc(32, 7).toString("base64") : undefined,
    LOG_LEVEL: "silent",
    HUBSPOT_CLIENT_ID: "ledgerlink-dev",
    HUBSPOT_CLIENT_SECRET: "ledgerlink-dev-secret",
    HUBSPOT_APP_ID: "1",
    // The worker reconciles the app's webhook subscriptions with the mappings at start (ADR 0040).
    HUBSPOT_DEVELOPER_API_KEY: "ledgerlink-dev-hapikey",
    HUBSPOT_API_BASE_URL: host.hubspotUrl,
    HUBSPOT_AUTH_BASE_URL: host.hubspotUrl,
    INTUIT_CLIENT_ID: "ledgerlink-dev",
    INTUIT_CLIENT_SECRET: "ledgerlink-dev-secret",
    INTUIT_WEBHOOK_VERIFIER_TOKEN: "bench-verifier",
    INTUIT_API_BASE_URL: host.qboUrl,
    INTUIT_AUTH_BASE_URL: host.qboUrl,
    INTUIT_OAUTH_BASE_URL: host.qboUrl,
    INTUIT_REVOKE_BASE_URL: host.qboUrl,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join("; "));
  const runtime = await startRuntime(loaded.config, { web: true, worker: true }, silentLogger);
  try {
    const db = runtime.database.db;
    const now = new Date();
    const portalId = String(host.portalId);
    const connectionId = "latency";
    await upsertPortal(
      db,
      {
        portalId,
        appId: "1",
        companyCurrency: "USD",
        timeZone: "UTC",
        accessToken: runtime.secrets.seal(host.hsToken.access_token, `hubspot:${portalId}`),
        refreshToken: runtime.secrets.seal(host.hsToken.refresh_token, `hubspot:${portalId}`),
        accessExpiresAt: new Date(now.getTime() + 1_700_000),
        scopes: ["oauth"],
      },
      now,
    );
    await upsertQboConnection(
      db,
      {
        connectionId,
        portalId,
        realmId: host.realmId,
        companyName: "Latency Co",
        country: "US",
        homeCurrency: "USD",
        multiCurrency: false,
        customTxnNumbers: false,
        timeZone: "UTC",
        accessToken: runtime.secrets.seal(host.qboToken.access_token, `qbo:${connectionId}`),
        refreshToken: runtime.secrets.seal(host.qboToken.refresh_token, `qbo:${connectionId}`),
        accessExpiresAt: new Date(now.getTime() + 3_500_000),
        refreshExpiresAt: new Date(now.getTime() + 86_400_000),
      },
      now,
    );
    await ensureSyncSetup(db, connectionId, now);
    await saveSettings(
      db,
      connectionId,
      syncSettingsSchema.parse({ contacts: { enabled: true, direction: "to_qbo" } }),
      now,
    );
    const hs = (path: string, method = "GET", body?: unknown) =>
      call(`${host.hubspotUrl}${path}`, method, body, host.hsToken.access_token);
    const qbo = (path: string, method = "GET", body?: unknown) =>
      call(
        `${host.qboUrl}/v3/company/${host.realmId}${path}${path.includes("?") ? "&" : "?"}minorversion=75`,
        method,
        body,
        host.qboToken.access_token,
      );
    const ui = (path: string, method: string, body: unknown) =>
      call(`${host.hubspotUrl}/__emulator/portals/${host.portalId}/objects${path}`, method, body);
    // Ledgerlink's own deal and invoice properties, as "Sign in with HubSpot" creates them.
    const clients = createVendorClients({
      db,
      secrets: runtime.secrets,
      clock: systemClock,
      sleep: realSleep,
      budget: new RateBudget({ store: rateBudgetStore(db), clock: systemClock, sleep: realSleep }),
      hubspot: {
        clientId: "ledgerlink-dev",
        clientSecret: "ledgerlink-dev-secret",
        redirectUri: `${publicUrl}/oauth/hubspot/callback`,
        authBaseUrl: host.hubspotUrl,
        apiBaseUrl: host.hubspotUrl,
        fetch,
        clock: systemClock,
      },
    });
    const setup = await setupPortal(hubspotPropertiesApi(clients.hubspot({ portalId, appId: "1" })), "en");
    if (!setup.ok) throw new Error(`portal set-up: ${setup.error}`);
    const connection = {
      portalId,
      connectionId,
      realmId: host.realmId,
      homeCurrency: "USD",
      timeZone: "UTC",
    };
    const follow = (invoice: Json, dealId: string) =>
      db.transaction().execute((trx) =>
        trackInvoices(trx, runtime.queue, {
          connection,
          invoices: [invoice as never],
          origin: "added",
          links: [{ objectType: "deals", objectId: dealId }],
          now: new Date(),
        }),
      );

    // The worker's start made the app's subscriptions follow the mappings: wait for the phone's.
    await until(performance.now(), async () =>
      (
        (await call(`${host.hubspotUrl}/webhooks/v3/1/subscriptions?hapikey=ledgerlink-dev-hapikey`, "GET"))
          .results as Json[]
      ).some((x) => x.propertyName === "phone"),
    );
    const qboToDeal = await qboChangesToDeals(changes, { db, portalId, hs, qbo, ui, follow });
    console.error(`QBO change → deal property: ${JSON.stringify(percentiles(qboToDeal.endToEnd))}`);
    const hubspotToQbo = await hubspotEditsToQbo(changes, { db, qbo, ui, connectionId });
    return {
      database: databaseUrl ? "postgres" : "pglite",
      qboToDeal: percentiles(qboToDeal.endToEnd),
      hubspotToQbo: percentiles(hubspotToQbo.endToEnd),
      qboArrivalToDeal: percentiles(qboToDeal.inside),
      hubspotArrivalToQbo: percentiles(hubspotToQbo.inside),
    };
  } finally {
    await runtime.close();
    stop();
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

type Call = (path: string, method?: string, body?: unknown) => Promise<Json>;

/**
 * `n` invoices, each followed on its own deal; then, one at a time, a payment in full of each: the
 * deal's status property turns "paid" through QBO's webhook, the CDC pull and the deal job.
 */
async function qboChangesToDeals(
  n: number,
  io: {
    db: Database;
    portalId: string;
    hs: Call;
    qbo: Call;
    ui: (p: string, m: string, b: unknown) => Promise<Json>;
    follow: (i: Json, d: string) => Promise<unknown>;
  },
): Promise<Took> {
  const customer = (await io.qbo("/query?query=" + encodeURIComponent("select * from Customer maxresults 1")))
    .QueryResponse.Customer[0];
  const item = (
    await io.qbo(
      "/query?query=" + encodeURIComponent("select * from Item where Type = 'Service' maxresults 1"),
    )
  ).QueryResponse.Item[0];
  const pairs: Array<{ invoice: Json; dealId: string }> = [];
  for (let i = 0; i < n; i++) {
    const invoice = (
      await io.qbo("/invoice", "POST", {
        CustomerRef: { value: customer.Id },
        Line: [
          {
            DetailType: "SalesItemLineDetail",
            Amount: 100 + i,
            SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: 100 + i },
          },
        ],
      })
    ).Invoice;
    const deal = await io.ui("/deals", "POST", {
      properties: { dealname: `Latency ${i}`, amount: String(100 + i) },
    });
    await io.follow(invoice, String(deal.id));
    pairs.push({ invoice, dealId: String(deal.id) });
  }
  const status = async (dealId: string) =>
    (await io.hs(`/crm/v3/objects/deals/${dealId}?properties=qbo_invoice_status`)).properties
      .qbo_invoice_status;
  // Every followed deal shows its open invoice first: the set-up's own jobs are done.
  for (const { dealId } of pairs) await until(performance.now(), async () => Boolean(await status(dealId)));
  const took: Took = { endToEnd: [], inside: [] };
  let t0 = -Infinity;
  for (const { invoice, dealId } of pairs) {
    t0 = await paced(t0);
    const since = new Date();
    await io.qbo("/payment", "POST", {
      CustomerRef: { value: invoice.CustomerRef.value },
      TotalAmt: invoice.TotalAmt,
      Line: [{ Amount: invoice.TotalAmt, LinkedTxn: [{ TxnId: invoice.Id, TxnType: "Invoice" }] }],
    });
    took.endToEnd.push(await until(t0, async () => (await status(dealId)) === "paid"));
    // The other side shows the change a moment before Ledgerlink records its write: wait for the record.
    const writtenAt = async () => {
      const row = await io.db
        .selectFrom("dealPropertyWrites")
        .select("writtenAt")
        .where("portalId", "=", io.portalId)
        .where("dealId", "=", dealId)
        .executeTakeFirst();
      return row ? new Date(row.writtenAt).getTime() : 0;
    };
    await until(performance.now(), async () => (await writtenAt()) >= since.getTime());
    const written = { writtenAt: await writtenAt() };
    took.inside.push(new Date(written.writtenAt).getTime() - (await arrival(io.db, "qbo", since)));
  }
  return took;
}

/** One contact linked through its creation webhook; then `n` phone edits in HubSpot's UI, each until QBO has it. */
async function hubspotEditsToQbo(
  n: number,
  io: {
    db: Database;
    qbo: Call;
    ui: (p: string, m: string, b: unknown) => Promise<Json>;
    connectionId: string;
  },
): Promise<Took> {
  const contact = await io.ui("/contacts", "POST", {
    properties: { email: "latency@bench.example", firstname: "Lena", lastname: "Latency" },
  });
  const link = () =>
    io.db
      .selectFrom("recordLinks")
      .select("qboId")
      .where("hubspotId", "=", String(contact.id))
      .where("connectionId", "=", io.connectionId)
      .executeTakeFirst();
  await until(performance.now(), async () => (await link()) !== undefined);
  const qboId = (await link())!.qboId;
  const took: Took = { endToEnd: [], inside: [] };
  let t0 = -Infinity;
  for (let i = 0; i < n; i++) {
    const phone = `+1 555 ${String(1000 + i)}`;
    t0 = await paced(t0);
    const since = new Date();
    await io.ui(`/contacts/${contact.id}`, "PATCH", { properties: { phone } });
    took.endToEnd.push(
      await until(
        t0,
        async () => (await io.qbo(`/customer/${qboId}`)).Customer.PrimaryPhone?.FreeFormNumber === phone,
      ),
    );
    // The ledger entry is written once QBO answered the update: wait for this change's own.
    const doneAt = async () => {
      const row = await io.db
        .selectFrom("syncLedger")
        .select((eb) => eb.fn.max("at").as("at"))
        .where("objectId", "=", String(contact.id))
        .where("trigger", "=", "webhook")
        .where("outcome", "=", "ok")
        .executeTakeFirst();
      return row?.at ? new Date(row.at as Date).getTime() : 0;
    };
    await until(performance.now(), async () => (await doneAt()) >= since.getTime());
    const done = { at: new Date(await doneAt()) };
    took.inside.push(done.at.getTime() - (await arrival(io.db, "hubspot", since)));
  }
  return took;
}
