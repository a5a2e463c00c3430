import type { Hono } from "hono";
import type { DatabaseHandle } from "../../src/db/kysely.ts";
import { upsertPortal } from "../../src/features/connections/repo/portals.ts";
import { upsertQboConnection } from "../../src/features/connections/repo/qbo-connections.ts";
import { createSession, upsertUser } from "../../src/features/connections/repo/sessions.ts";
import { createHubSpotEmulator, type HubSpotEmulator } from "../../src/emulators/hubspot/app.ts";
import { createQboEmulator, type QboEmulator } from "../../src/emulators/qbo/app.ts";
import type { AppEnv } from "../../src/http/context.ts";
import { createApp } from "../../src/http/app.tsx";
import { addDemoCatalogue } from "../../src/cli/demo-catalogue.ts";
import { registerCard } from "../../src/connectors/hubspot/card-definition.ts";
import { registerWorkflowAction } from "../../src/connectors/hubspot/workflow-action-registry.ts";
import { ensureTimelineTemplates } from "../../src/connectors/hubspot/timeline.ts";
import { timelineInvoiceUrl } from "../../src/features/invoices/timeline.ts";
import { createInvoiceActionDefinition } from "../../src/features/workflow-action/definition.ts";
import { listen, type RunningServer } from "../../src/emulators/kit/index.ts";
import type { VendorApps } from "../../src/features/connections/vendors.ts";
import type { ManualClock } from "../../src/lib/clock.ts";
import { silentLogger } from "../../src/lib/logger.ts";
import { signToken, type EmbedClaims } from "../../src/lib/signed-token.ts";
import type { Handlers } from "../../src/queue/catalogue.ts";
import { JobQueue } from "../../src/queue/queue.ts";
import { runSchedulesOnJump, type TimeJumps } from "../../src/queue/time-jumps.ts";
import { trackInvoices } from "../../src/features/invoices/track.ts";
import { setupPortalHandler } from "../../src/features/connections/setup-portal-job.ts";
import { jobCatalogue, jobHandlers } from "../../src/features/catalogue.ts";
import type { VendorClients } from "../../src/features/connections/vendor-clients.ts";
import { testSecrets } from "./app.ts";
import { testVendorClients } from "./engine.ts";
import { sharedEmulatorClock } from "./qbo-emulated.ts";

/** Where each party lives inside the in-process stack (no ports: fetch is routed by origin). */
export const STACK_URLS = {
  ledgerlink: "http://ledgerlink.test",
  hubspot: "http://hubspot.test",
  qbo: "http://qbo.test",
} as const;

export const HUBSPOT_APP = { clientId: "ledgerlink-dev", clientSecret: "ledgerlink-dev-secret", appId: 1 };
const INTUIT_APP = { clientId: "ledgerlink-dev", clientSecret: "ledgerlink-dev-secret" };
export const STACK_VERIFIER = "stack-verifier-token";

export interface StackCompany {
  realmId: string;
  connectionId: string;
  name: string;
}

export interface Stack {
  hubspot: HubSpotEmulator;
  qbo: QboEmulator;
  /** The Ledgerlink web app (createApp) with clients and a real queue on the test database. */
  app: Hono<AppEnv>;
  clients: VendorClients;
  queue: JobQueue;
  handlers: Handlers;
  portalId: string;
  /** The HubSpot portal as the emulator numbers it. */
  hubspotPortalId: number;
  companies: { us: StackCompany; uk: StackCompany };
  /** A signed-in Ledgerlink user of the portal: its installing user, a HubSpot super admin, and the record page's viewer. */
  user: { userId: string; hubspotUserId: string; cookie: string; csrf: string };
  /** HubSpot API call with the portal's token; JSON in and out. */
  hs(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** QBO Accounting API call for a realm (path after /v3/company/{realm}); JSON in and out. */
  qboApi(
    realmId: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /**
   * Turns QBO's custom transaction numbers on or off as an administrator would: a sparse
   * Preferences update (docs/vendors/quickbooks.md §3.9; the control API sets it only at company creation).
   */
  setCustomTxnNumbers(company: "us" | "uk", on: boolean): Promise<void>;
  /** QBO emulator control API (`/__emulator...`). */
  qboControl(path: string, body?: unknown): Promise<Record<string, unknown>>;
  /** An embed token for an iframe page, as the card would mint it. */
  embedToken(objectType: EmbedClaims["objectType"], objectId: string, opts?: Partial<EmbedClaims>): string;
  /** Where each party is reached: real 127.0.0.1 ports in live mode, in-process names otherwise. */
  urls: { ledgerlink: string; hubspot: string; qbo: string };
  /** Follows QBO invoices of a company, linked to HubSpot records, as "Add existing invoice" does. */
  follow(
    company: "us" | "uk",
    invoices: Array<{ Id: string }>,
    links: Array<{ objectType: "deals" | "contacts" | "companies"; objectId: string }>,
  ): Promise<string[]>;
  /** Runs every due job (the worker, without waiting). */
  drain(): Promise<number>;
  /** The id HubSpot gave the "Create QuickBooks invoice" definition (W2). */
  workflowActionId: string;
  /** A fetch that reaches Ledgerlink, both emulators by origin (pass to the HubSpot emulator). */
  route: typeof fetch;
  /** With `timeTravel`: the jumps of the shared clock enqueue the scheduled jobs, as in the demo. */
  timeJumps?: TimeJumps;
  close(): Promise<void>;
}

/**
 * Everything the invoice suites need in one process: a HubSpot emulator portal (`demo` seed: companies,
 * contacts, products, deals with line items, quotes published / draft / expired), a QBO emulator with
 * a US company and a UK company (GBP, VAT codes; both `demo` seed), Ledgerlink's database rows for
 * the portal and both connections (tokens issued through the emulators' control routes), the
 * vendor clients on the shared manual clock, the web app and a real queue.
 */
export async function startStack(
  database: DatabaseHandle,
  clock: ManualClock,
  // Off by default: the tests' own direct API calls (`hs`, `qboApi`) bypass the rate budget, and on
  // a frozen clock they would run into the limits. Ledgerlink's clients under real limits are proven
  // by src/features/changes/qbo-emulator.int.test.ts and the bench.
  // `alsoAllowed`: HUBSPOT_ALLOWED_PORTALS is set to the stack's portal and these (ADR 0024); unset,
  // the stack's portal has claimed the instance, as the first to sign in.
  // `timeTravel`: wired as `npm start` is (ADR 0025): the demo banner and its route on the shared
  // clock, and each jump enqueues the scheduled jobs.
  opts: { rateLimits?: boolean; live?: boolean; timeTravel?: boolean; alsoAllowed?: string[] } = {},
): Promise<Stack> {
  const db = database.db;
  const servers = opts.live ? await liveServers((origin, req) => dispatch(origin, req)) : undefined;
  const urls = servers?.urls ?? STACK_URLS;
  const emulatorClock = sharedEmulatorClock(clock);
  // Bound once the app exists: the emulators are built first, and they call Ledgerlink back.
  const late: { app?: Hono<AppEnv> } = {};
  const dispatch = (origin: string, req: Request): Promise<Response> | Response => {
    if (origin === urls.hubspot) return hubspot.fetch(req);
    if (origin === urls.qbo) return qbo.fetch(req);
    if (origin === urls.ledgerlink && late.app) return late.app.fetch(req);
    throw new TypeError(`fetch failed: no route to ${origin}`);
  };
  // Server-to-server calls stay in process, even in live mode: only the browser uses the sockets.
  const route = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    return dispatch(new URL(req.url).origin, req);
  }) as typeof fetch;

  const hubspot = createHubSpotEmulator({
    clock: emulatorClock,
    rateLimits: opts.rateLimits ?? false,
    publicUrl: urls.hubspot,
    fetch: route,
  });
  const qbo = createQboEmulator({ clock: emulatorClock, rateLimits: opts.rateLimits ?? false, fetch: route });

  const hubspotPortalId = hubspot.createPortal({ seed: "demo", companyCurrency: "USD" });
  const hsToken = hubspot.issueToken(hubspotPortalId);
  const qboControl = async (path: string, body?: unknown) => {
    const res = await qbo.fetch(
      new Request(`${urls.qbo}/__emulator${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    return (await res.json()) as Record<string, unknown>;
  };
  await qboControl("/apps", {
    clientId: INTUIT_APP.clientId,
    clientSecret: INTUIT_APP.clientSecret,
    redirectUris: [`${urls.ledgerlink}/oauth/qbo/callback`],
    webhookUrl: `${urls.ledgerlink}/webhooks/qbo`,
    verifierToken: STACK_VERIFIER,
  });

  const portalId = String(hubspotPortalId);
  const now = clock.now();
  const portalCtx = `hubspot:${portalId}`;
  await upsertPortal(
    db,
    {
      portalId,
      appId: String(HUBSPOT_APP.appId),
      companyCurrency: "USD",
      timeZone: "UTC",
      accessToken: testSecrets.seal(hsToken.access_token, portalCtx),
      refreshToken: testSecrets.seal(hsToken.refresh_token, portalCtx),
      accessExpiresAt: new Date(now.getTime() + 1800_000),
      scopes: ["oauth"],
    },
    now,
  );
  // The portal's installing user, a super admin: whom the record page acts for until another user is
  // picked (emulators/hubspot/console/current-user.ts), and whom Ledgerlink lets change settings.
  const hubspotUserId = String(hubspot.world.portal(hubspotPortalId)!.settings.userId);
  const userId = await upsertUser(db, { portalId, hubspotUserId, email: "owner@stack.example" }, now);
  const session = await createSession(db, userId, portalId, now);
  const csrf = "test-csrf-token-0123456789ab";

  const connect = async (name: string, country: string, extra: Record<string, unknown>) => {
    const { realmId } = (await qboControl("/companies", { name, country, seed: "demo", ...extra })) as {
      realmId: string;
    };
    const token = await qboControl("/tokens", { realmId, clientId: INTUIT_APP.clientId });
    const connectionId = `conn-${country.toLowerCase()}`;
    const ctx = `qbo:${connectionId}`;
    await upsertQboConnection(
      db,
      {
        connectionId,
        portalId,
        realmId,
        companyName: name,
        country,
        homeCurrency: country === "GB" ? "GBP" : "USD",
        multiCurrency: false,
        customTxnNumbers: false,
        timeZone: country === "GB" ? "Europe/London" : "America/Los_Angeles",
        accessToken: testSecrets.seal(String(token.access_token), ctx),
        refreshToken: testSecrets.seal(String(token.refresh_token), ctx),
        accessExpiresAt: new Date(now.getTime() + 3600_000),
        refreshExpiresAt: new Date(now.getTime() + 86_400_000 * 100),
      },
      now,
    );
    await addDemoCatalogue(route, urls.qbo, realmId, INTUIT_APP.clientId);
    return { realmId, connectionId, name };
  };
  const us = await connect("Craig's Design and Landscaping", "US", {});
  const uk = await connect("Thames Garden Studio Ltd", "GB", { homeCurrency: "GBP" });

  const vendors: VendorApps = {
    hubspot: {
      ...HUBSPOT_APP,
      redirectUri: `${urls.ledgerlink}/oauth/hubspot/callback`,
      authBaseUrl: urls.hubspot,
      apiBaseUrl: urls.hubspot,
      fetch: route,
      clock,
    },
    intuit: {
      ...INTUIT_APP,
      redirectUri: `${urls.ledgerlink}/oauth/qbo/callback`,
      authBaseUrl: urls.qbo,
      oauthBaseUrl: urls.qbo,
      revokeBaseUrl: urls.qbo,
      apiBaseUrl: urls.qbo,
      fetch: route,
      clock,
    },
  };
  const clients = testVendorClients(db, clock, vendors);
  const queue = new JobQueue(database, jobCatalogue, silentLogger, {
    databaseUrl: database.kind === "postgres" ? process.env.TEST_DATABASE_URL : undefined,
  });
  await queue.start();
  const app = createApp({
    config: {
      dataDir: "memory://",
      publicUrl: urls.ledgerlink,
      ...(opts.alsoAllowed ? { hubspotAllowedPortals: [portalId, ...opts.alsoAllowed] } : {}),
    },
    database,
    logger: silentLogger,
    clock,
    secrets: testSecrets,
    vendors,
    clients,
    queue,
    intuitVerifierToken: STACK_VERIFIER,
    timeTravel: opts.timeTravel ? emulatorClock : undefined,
  });
  late.app = app;
  const timeJumps = opts.timeTravel ? runSchedulesOnJump(emulatorClock, queue, db, silentLogger) : undefined;
  await registerCard({
    fetch: route,
    apiBaseUrl: urls.hubspot,
    appId: HUBSPOT_APP.appId,
    developerKey: `${HUBSPOT_APP.clientId}-hapikey`,
    publicUrl: urls.ledgerlink,
  });
  // W2: the "Create QuickBooks invoice" workflow action, calling Ledgerlink's action URL.
  const workflowActionId = await registerWorkflowAction({
    fetch: route,
    apiBaseUrl: urls.hubspot,
    appId: HUBSPOT_APP.appId,
    developerKey: `${HUBSPOT_APP.clientId}-hapikey`,
    definition: createInvoiceActionDefinition(urls.ledgerlink),
  });
  // The portal set up as "Sign in with HubSpot" does it: Ledgerlink's deal and invoice properties.
  await setupPortalHandler(
    { db, clock, clients },
    { payload: { portalId, locale: "en" }, jobId: "stack-setup", log: silentLogger, retryCount: 0 },
  );
  // ADR 0038: the app's timeline event templates exist from the start, as in the demo.
  const timeline = {
    fetch: route,
    apiBaseUrl: urls.hubspot,
    appId: String(HUBSPOT_APP.appId),
    developerKey: `${HUBSPOT_APP.clientId}-hapikey`,
    invoiceUrl: (realmId: string, id: string) => timelineInvoiceUrl(urls.qbo, realmId, id),
  };
  await ensureTimelineTemplates(timeline);
  // The developer API key as `npm start` has it: mapping changes reconcile the app's webhook subscriptions.
  const hubspotDeveloper = {
    fetch: route,
    apiBaseUrl: urls.hubspot,
    appId: String(HUBSPOT_APP.appId),
    developerApiKey: `${HUBSPOT_APP.clientId}-hapikey`,
  };
  const handlers = jobHandlers({
    db,
    logger: silentLogger,
    clock,
    clients,
    queue,
    timeline,
    hubspotDeveloper,
  });

  const json = async (res: Response) => {
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const api: Stack["qboApi"] = async (realmId, method, path, body) => {
    const token = (await qboControl("/tokens", { realmId, clientId: INTUIT_APP.clientId })).access_token;
    const sep = path.includes("?") ? "&" : "?";
    return json(
      await qbo.fetch(
        new Request(`${urls.qbo}/v3/company/${realmId}${path}${sep}minorversion=75`, {
          method,
          headers: {
            authorization: `Bearer ${String(token)}`,
            accept: "application/json",
            "content-type": "application/json",
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      ),
    );
  };
  return {
    hubspot,
    qbo,
    app,
    clients,
    queue,
    handlers,
    portalId,
    hubspotPortalId,
    companies: { us, uk },
    user: { userId, hubspotUserId, cookie: `ll_session=${session}; ll_csrf=${csrf}`, csrf },
    route,
    timeJumps,
    workflowActionId,
    hs: async (method, path, body) =>
      json(
        await hubspot.fetch(
          new Request(`${urls.hubspot}${path}`, {
            method,
            // A fresh token each time: tests move the clock by days, past any token's hour.
            headers: {
              authorization: `Bearer ${hubspot.issueToken(hubspotPortalId).access_token}`,
              "content-type": "application/json",
            },
            body: body === undefined ? undefined : JSON.stringify(body),
          }),
        ),
      ),
    qboApi: api,
    qboControl,
    setCustomTxnNumbers: async (company, on) => {
      const realmId = (company === "us" ? us : uk).realmId;
      const prefs = (await api(realmId, "GET", "/preferences")).body.Preferences;
      const res = await api(realmId, "POST", "/preferences", {
        Id: prefs.Id,
        SyncToken: prefs.SyncToken,
        sparse: true,
        SalesFormsPrefs: { CustomTxnNumbers: on },
      });
      if (res.status !== 200) throw new Error(`Preferences update answered ${res.status}`);
    },
    embedToken: (objectType, objectId, opts = {}) =>
      signToken(testSecrets, {
        purpose: "embed",
        portalId,
        objectType,
        objectId,
        hubspotUserId,
        userEmail: "owner@stack.example",
        locale: "en",
        exp: clock.now().getTime() + 3600_000,
        ...opts,
      }),
    urls,
    follow: async (company, invoices, links) => {
      const connection = await db
        .selectFrom("qboConnections")
        .select(["portalId", "connectionId", "realmId", "homeCurrency", "timeZone"])
        .where("connectionId", "=", (company === "us" ? us : uk).connectionId)
        .executeTakeFirstOrThrow();
      return db
        .transaction()
        .execute((trx) =>
          trackInvoices(trx, queue, { connection, invoices, origin: "added", links, now: clock.now() }),
        );
    },
    drain: () => queue.drain(handlers),
    close: async () => {
      timeJumps?.stop();
      await servers?.close();
      await queue.stop();
      await hubspot.close();
      qbo.close();
    },
  };
}

/** Three servers on free ports whose handlers are bound later (their URLs are needed first). */
async function liveServers(dispatch: (origin: string, req: Request) => Promise<Response> | Response) {
  const started = await Promise.all(
    [0, 1, 2].map(() => {
      let url = "";
      return listen((req) => dispatch(url, req)).then((server) => {
        url = server.url;
        return server;
      });
    }),
  );
  const [ledgerlink, hubspot, qbo] = started as [RunningServer, RunningServer, RunningServer];
  return {
    urls: { ledgerlink: ledgerlink.url, hubspot: hubspot.url, qbo: qbo.url },
    close: async () => {
      await Promise.all(started.map((s) => s.close()));
    },
  };
}
