/**
 * The two emulators in their own process for `npm run bench` (so that Ledgerlink's peak memory is
 * Ledgerlink's alone), on real time with their rate limits on, served over HTTP on port 0.
 * Seeds, with the limits off: a QBO company with `--customers` customers, an empty HubSpot portal
 * with `--contacts` contacts. Prints one JSON line with the URLs and tokens, then serves until killed.
 */
import { parseArgs } from "node:util";
import { createHubSpotEmulator } from "../src/emulators/hubspot/app.ts";
import { createQboEmulator } from "../src/emulators/qbo/app.ts";
import { createEmulatorClock, listen } from "../src/emulators/kit/index.ts";

const { values } = parseArgs({ options: { customers: { type: "string" }, contacts: { type: "string" } } });
const customers = Number(values.customers ?? 0);
const contacts = Number(values.contacts ?? 0);
const APP = { clientId: "ledgerlink-bench", clientSecret: "ledgerlink-bench-secret" };

const clock = createEmulatorClock();
const qbo = createQboEmulator({ clock, rateLimits: false });
const hubspot = createHubSpotEmulator({ clock, rateLimits: false });

async function call(
  fetcher: (r: Request) => Response | Promise<Response>,
  method: string,
  url: string,
  body?: unknown,
  token?: string,
) {
  const res = await fetcher(
    new Request(url, {
      method,
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const Q = "http://qbo.local";
await call(qbo.fetch, "POST", `${Q}/__emulator/apps`, { ...APP, redirectUris: ["http://127.0.0.1/cb"] });
const { realmId } = await call(qbo.fetch, "POST", `${Q}/__emulator/companies`, {
  name: "Bench Co",
  country: "US",
});
const qboToken = await call(qbo.fetch, "POST", `${Q}/__emulator/tokens`, { realmId, clientId: APP.clientId });
// A large existing company is a fixture, not a test of the API: its customers are stored directly,
// in seconds, instead of through 3,334 batch calls.
const company = qbo.world.companies.get(String(realmId))!;
const seededAt = new Date();
for (let n = 0; n < customers; n++) {
  company.put(
    "Customer",
    {
      Id: company.nextId("Customer"),
      DisplayName: `Bench Customer ${n}`,
      GivenName: "Bench",
      FamilyName: `Customer ${n}`,
      PrimaryEmailAddr: { Address: `customer${n}@bench.example` },
      Active: true,
      Balance: 0,
      Job: false,
    },
    seededAt,
    "Create",
  );
}

const portalId = hubspot.createPortal({ seed: "empty" });
const hsToken = hubspot.issueToken(portalId);
const H = "http://hubspot.local";
for (let i = 0; i < contacts; i += 100) {
  const inputs = Array.from({ length: Math.min(100, contacts - i) }, (_, j) => ({
    properties: { email: `contact${i + j}@bench.example`, firstname: "Bench", lastname: `Contact ${i + j}` },
  }));
  await call(
    hubspot.fetch,
    "POST",
    `${H}/crm/v3/objects/contacts/batch/create`,
    { inputs },
    hsToken.access_token,
  );
}

await call(qbo.fetch, "POST", `${Q}/__emulator/rate-limits`, { enabled: true });
await call(hubspot.fetch, "POST", `${H}/__emulator/rate-limits`, { enabled: true });
const qboServer = await listen(qbo.fetch);
const hubspotServer = await listen(hubspot.fetch);
process.stdout.write(
  `${JSON.stringify({ qboUrl: qboServer.url, hubspotUrl: hubspotServer.url, realmId, portalId, qboToken, hsToken, app: APP })}\n`,
);
