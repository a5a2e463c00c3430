/**
 * The two emulators in their own process for the latency bench: served over HTTP on port 0, on
 * real time, delivering webhooks at once to Ledgerlink (`--ledgerlink`), as `ledgerlink emulate`
 * does. Registers the app (OAuth client, HubSpot webhook settings, QBO webhook URL) and a QBO
 * company with the demo seed (customers, items); prints one JSON line, then serves until killed.
 * Rate limits stay off: the bench's own polling must not spend Ledgerlink's budget.
 */
import { parseArgs } from "node:util";
import { startHubSpotEmulator } from "../src/emulators/hubspot/server.ts";
import { startQboEmulator } from "../src/emulators/qbo/server.ts";

const { values } = parseArgs({ options: { ledgerlink: { type: "string" } } });
const ledgerlink = values.ledgerlink!;
export const LATENCY_APP = {
  clientId: "ledgerlink-dev",
  clientSecret: "ledgerlink-dev-secret",
  appId: "1",
  verifier: "bench-verifier",
};

const hubspot = await startHubSpotEmulator({ port: 0, rateLimits: false });
const qbo = await startQboEmulator({ port: 0, rateLimits: false });

async function call(url: string, method: string, body?: unknown, token?: string) {
  const res = await fetch(url, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

await call(`${qbo.url}/__emulator/apps`, "POST", {
  clientId: LATENCY_APP.clientId,
  clientSecret: LATENCY_APP.clientSecret,
  redirectUris: [`${ledgerlink}/oauth/qbo/callback`],
  webhookUrl: `${ledgerlink}/webhooks/qbo`,
  verifierToken: LATENCY_APP.verifier,
});
const { realmId } = await call(`${qbo.url}/__emulator/companies`, "POST", {
  name: "Latency Co",
  country: "US",
  seed: "demo",
});
const qboToken = await call(`${qbo.url}/__emulator/tokens`, "POST", {
  realmId,
  clientId: LATENCY_APP.clientId,
});
const portalId = hubspot.emulator.createPortal({ seed: "empty", companyCurrency: "USD" });
const hsToken = hubspot.emulator.issueToken(portalId);
await call(
  `${hubspot.url}/webhooks/v3/${LATENCY_APP.appId}/settings?hapikey=${LATENCY_APP.clientId}-hapikey`,
  "PUT",
  { targetUrl: `${ledgerlink}/webhooks/hubspot` },
);
process.stdout.write(
  `${JSON.stringify({ qboUrl: qbo.url, hubspotUrl: hubspot.url, realmId, portalId, qboToken, hsToken })}\n`,
);
