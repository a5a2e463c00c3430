import { join } from "node:path";
import { registerCard } from "../connectors/hubspot/card-definition.ts";
import { registerWorkflowAction } from "../connectors/hubspot/workflow-action-registry.ts";
import { ensureTimelineTemplates } from "../connectors/hubspot/timeline.ts";
import { createInvoiceActionDefinition } from "../features/workflow-action/index.ts";
import { webhookSubscriptionsApi } from "../connectors/hubspot/subscriptions.ts";
import { DEFAULT_SUBSCRIPTIONS } from "../features/settings/index.ts";
import { addDemoCatalogue } from "./demo-catalogue.ts";
import { startHubSpotEmulator, type RunningHubSpotEmulator } from "../emulators/hubspot/server.ts";
import { startQboEmulator } from "../emulators/qbo/server.ts";
import { DemoAgent } from "./demo-oauth.ts";
import { createDemoClock } from "./demo-clock.ts";
import type { EmulatorClock } from "../emulators/kit/index.ts";

type Json = Record<string, unknown>;

const CLIENT = { id: "ledgerlink-dev", secret: "ledgerlink-dev-secret", appId: "1" };
const VERIFIER = "ledgerlink-demo-verifier";

export interface DemoEmulators {
  hubspot: RunningHubSpotEmulator;
  qbo: Awaited<ReturnType<typeof startQboEmulator>>;
  /** The one clock both emulators and Ledgerlink read (time travel, docs/adr/0025-demo-time-travel.md). */
  clock: EmulatorClock;
  /** The environment that points Ledgerlink at the emulators. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Both emulators on their demo ports, their state kept in the data directory, on one shared clock:
 * moving it with either one's `POST /__emulator/clock` moves the other (and Ledgerlink, which the
 * demo hands the same clock). How far it has travelled is kept in `emulators/clock.json`.
 */
export async function startDemoEmulators(
  dataDir: string,
  ports: { hubspot: number; qbo: number },
): Promise<DemoEmulators> {
  const clock = createDemoClock(join(dataDir, "emulators", "clock.json"));
  const hubspot = await startHubSpotEmulator({
    port: ports.hubspot,
    clock,
    stateFile: join(dataDir, "emulators", "hubspot.json"),
  });
  const qbo = await startQboEmulator({
    port: ports.qbo,
    clock,
    stateFile: join(dataDir, "emulators", "qbo.json"),
  }).catch(async (error: unknown) => {
    await hubspot.close();
    throw error;
  });
  return {
    hubspot,
    qbo,
    clock,
    env: {
      HUBSPOT_CLIENT_ID: CLIENT.id,
      HUBSPOT_CLIENT_SECRET: CLIENT.secret,
      HUBSPOT_APP_ID: CLIENT.appId,
      // The emulator's developer key: the demo's subscriptions follow its mappings (ADR 0040).
      HUBSPOT_DEVELOPER_API_KEY: `${CLIENT.id}-hapikey`,
      HUBSPOT_API_BASE_URL: hubspot.url,
      HUBSPOT_AUTH_BASE_URL: hubspot.url,
      INTUIT_CLIENT_ID: CLIENT.id,
      INTUIT_CLIENT_SECRET: CLIENT.secret,
      INTUIT_WEBHOOK_VERIFIER_TOKEN: VERIFIER,
      INTUIT_API_BASE_URL: qbo.url,
      INTUIT_AUTH_BASE_URL: qbo.url,
      INTUIT_OAUTH_BASE_URL: qbo.url,
      INTUIT_REVOKE_BASE_URL: qbo.url,
    },
    close: async () => {
      await hubspot.close();
      await qbo.close();
    },
  };
}

async function json(res: Response): Promise<Json> {
  const body = (await res.json()) as Json;
  if (!res.ok) throw new Error(`${res.url}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

const post = (url: string, body: unknown, method = "POST") =>
  fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then(
    json,
  );

/**
 * Seeds what the demo shows (a HubSpot portal, a US and a UK company) the first time, and
 * registers Ledgerlink's app with both emulators through their developer APIs. Every step checks
 * what exists first, so a second start changes nothing.
 */
export async function prepareDemoVendors(emulators: DemoEmulators, ledgerlinkUrl: string) {
  const hs = emulators.hubspot.url;
  const qb = emulators.qbo.url;
  const portals = ((await json(await fetch(`${hs}/__emulator/portals`))).portals as Json[]) ?? [];
  const portalId =
    portals.length > 0
      ? Number(portals[0]!.portalId)
      : Number((await post(`${hs}/__emulator/portals`, { companyCurrency: "USD", seed: "demo" })).portalId);

  const companies = ((await json(await fetch(`${qb}/__emulator/companies`))).companies as Json[]) ?? [];
  const realm = async (country: string, name: string, extra: Json) =>
    String(
      companies.find((c) => c.country === country)?.realmId ??
        (await post(`${qb}/__emulator/companies`, { name, country, seed: "demo", ...extra })).realmId,
    );
  const us = await realm("US", "Craig's Design and Landscaping", {});
  const uk = await realm("GB", "Thames Garden Studio Ltd", { homeCurrency: "GBP" });
  for (const realmId of [us, uk]) await addDemoCatalogue(fetch, qb, realmId, CLIENT.id);

  await post(`${qb}/__emulator/apps`, {
    clientId: CLIENT.id,
    clientSecret: CLIENT.secret,
    redirectUris: [`${ledgerlinkUrl}/oauth/qbo/callback`],
    webhookUrl: `${ledgerlinkUrl}/webhooks/qbo`,
    verifierToken: VERIFIER,
  });
  const dev = (path: string) => `${hs}${path}?hapikey=${CLIENT.id}-hapikey`;
  await post(
    dev(`/webhooks/v3/${CLIENT.appId}/settings`),
    { targetUrl: `${ledgerlinkUrl}/webhooks/hubspot` },
    "PUT",
  );
  // The defaults' subscriptions from the start; the worker's job adds the custom mappings' own.
  const subs = webhookSubscriptionsApi({
    fetch,
    apiBaseUrl: hs,
    appId: CLIENT.appId,
    developerApiKey: `${CLIENT.id}-hapikey`,
  });
  const have = await subs.list();
  const missing = DEFAULT_SUBSCRIPTIONS.filter(
    (w) => !have.some((e) => e.eventType === w.eventType && e.propertyName === w.propertyName),
  );
  if (missing.length > 0) await subs.reconcile([...have, ...missing]);
  // The "Integration invoices" card on deals, contacts and companies (docs/vendors/hubspot.md §10).
  await registerCard({
    fetch,
    apiBaseUrl: hs,
    appId: CLIENT.appId,
    developerKey: `${CLIENT.id}-hapikey`,
    publicUrl: ledgerlinkUrl,
  });
  // W2: "Create QuickBooks invoice" for deal-based workflows.
  await registerWorkflowAction({
    fetch,
    apiBaseUrl: hs,
    appId: CLIENT.appId,
    developerKey: `${CLIENT.id}-hapikey`,
    definition: createInvoiceActionDefinition(ledgerlinkUrl),
  });
  // ADR 0038: the app's invoice event templates, so the deal's timeline can show invoices.
  await ensureTimelineTemplates({
    fetch,
    apiBaseUrl: hs,
    appId: CLIENT.appId,
    developerKey: `${CLIENT.id}-hapikey`,
  });
  return { portalId, realms: { us, uk } };
}

/**
 * Signs in to Ledgerlink with HubSpot and connects each QBO company, clicking through the same
 * consent pages a person would. `connected` says what Ledgerlink already has, so nothing repeats.
 */
export async function connectDemo(
  ledgerlinkUrl: string,
  vendors: { portalId: number; realms: { us: string; uk: string } },
  connected: { realms: string[] },
): Promise<void> {
  const agent = new DemoAgent(ledgerlinkUrl);
  const consent = await agent.visit(`${ledgerlinkUrl}/auth/hubspot`);
  const signedIn = await agent.approve(consent, { portalId: String(vendors.portalId) });
  if (signedIn.status >= 400)
    throw new Error(`HubSpot sign-in failed: ${signedIn.status} ${signedIn.text.slice(0, 200)}`);
  for (const realmId of [vendors.realms.us, vendors.realms.uk]) {
    if (connected.realms.includes(realmId)) continue;
    const page = await agent.visit(`${ledgerlinkUrl}/connections`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
    if (!csrf) throw new Error("The connections page has no CSRF token");
    const qboConsent = await agent.visit(`${ledgerlinkUrl}/connections/qbo`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: csrf }).toString(),
    });
    const done = await agent.approve(qboConsent, { realmId });
    if (done.status >= 400)
      throw new Error(`QuickBooks connection failed: ${done.status} ${done.text.slice(0, 200)}`);
  }
}

/** The emulator's record page of a demo deal, where Ledgerlink's card shows. */
export async function demoDealUrl(emulators: DemoEmulators, portalId: number): Promise<string | undefined> {
  const token = emulators.hubspot.emulator.issueToken(portalId).access_token;
  const res = await emulators.hubspot.emulator.fetch(
    new Request(`${emulators.hubspot.url}/crm/v3/objects/deals?limit=1`, {
      headers: { authorization: `Bearer ${token}` },
    }),
  );
  const deal = ((await res.json()) as { results?: Array<{ id: string }> }).results?.[0];
  return deal ? `${emulators.hubspot.url}/contacts/${portalId}/record/0-3/${deal.id}` : undefined;
}
