/**
 * The two emulators in a process of their own for the chaos suite (docs/chaos.md): Ledgerlink's
 * processes reach them over HTTP only, as they would reach HubSpot and Intuit, and a worker killed
 * with SIGKILL cannot take the vendors' state with it. Real time (movable through
 * `/__emulator/clock`), rate limits off unless `--rate-limits` (the fault pump injects 429s).
 *
 * Seeds a QBO company (an income item, one existing customer, `--customers` customers) and a
 * HubSpot portal (`--contacts` contacts, `--deals` deals), prints one JSON line ({@link Host}),
 * then serves until killed.
 */
import { parseArgs } from "node:util";
import { createHubSpotEmulator } from "../../src/emulators/hubspot/app.ts";
import { createQboEmulator } from "../../src/emulators/qbo/app.ts";
import { createEmulatorClock, listen } from "../../src/emulators/kit/index.ts";

export interface Host {
  qboUrl: string;
  hubspotUrl: string;
  realmId: string;
  portalId: number;
  qboToken: { access_token: string; refresh_token: string };
  hsToken: { access_token: string; refresh_token: string };
  itemId: string;
  existingCustomerId: string;
  dealIds: string[];
}

/** The app both emulators know by default, and Ledgerlink's processes are configured with. */
export const CHAOS_APP = { clientId: "ledgerlink-dev", clientSecret: "ledgerlink-dev-secret" };

const { values } = parseArgs({
  options: {
    customers: { type: "string" },
    contacts: { type: "string" },
    deals: { type: "string" },
    "rate-limits": { type: "boolean" },
  },
});

type Fetcher = (r: Request) => Response | Promise<Response>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function call(fetcher: Fetcher, method: string, url: string, body?: unknown, token?: string) {
  const res = await fetcher(
    new Request(url, {
      method,
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Json;
}

async function main() {
  const customers = Number(values.customers ?? 0);
  const contacts = Number(values.contacts ?? 0);
  const deals = Number(values.deals ?? 0);
  const clock = createEmulatorClock();
  const qbo = createQboEmulator({ clock, rateLimits: false });
  // An emulator error (a 500 it did not mean to send) goes to this process's stderr, which the run shows.
  const hubspot = createHubSpotEmulator({ clock, rateLimits: false, log: (line) => console.error(line) });

  const Q = "http://qbo.local";
  const { realmId } = await call(qbo.fetch, "POST", `${Q}/__emulator/companies`, {
    name: "Chaos Co",
    country: "US",
  });
  const qboToken = await call(qbo.fetch, "POST", `${Q}/__emulator/tokens`, { realmId });
  const api = (method: string, path: string, body?: unknown) =>
    call(qbo.fetch, method, `${Q}/v3/company/${realmId}${path}`, body, qboToken.access_token);
  const income = (
    await api("GET", `/query?query=${encodeURIComponent("select * from Account where AccountType='Income'")}`)
  ).QueryResponse.Account[0];
  const item = (await api("POST", "/item", { Name: "Chaos Service", IncomeAccountRef: { value: income.Id } }))
    .Item;
  const existing = (await api("POST", "/customer", { DisplayName: "Chaos Existing Customer" })).Customer;
  for (let n = 0; n < customers; n++) {
    await api("POST", "/customer", {
      DisplayName: `Chaos Customer ${n}`,
      GivenName: "Chaos",
      FamilyName: `Customer ${n}`,
      PrimaryEmailAddr: { Address: `customer${n}@chaos.example` },
    });
  }

  const portalId = hubspot.createPortal({ seed: "empty" });
  const hsToken = hubspot.issueToken(portalId);
  const H = "http://hubspot.local";
  const batch = async (object: string, inputs: unknown[]) =>
    (
      await call(
        hubspot.fetch,
        "POST",
        `${H}/crm/v3/objects/${object}/batch/create`,
        { inputs },
        hsToken.access_token,
      )
    ).results as Array<{ id: string }>;
  for (let i = 0; i < contacts; i += 100) {
    const n = Math.min(100, contacts - i);
    await batch(
      "contacts",
      Array.from({ length: n }, (_, j) => ({
        properties: {
          email: `contact${i + j}@chaos.example`,
          firstname: "Chaos",
          lastname: `Contact ${i + j}`,
        },
      })),
    );
  }
  const dealIds: string[] = [];
  for (let i = 0; i < deals; i += 100) {
    const n = Math.min(100, deals - i);
    const made = await batch(
      "deals",
      Array.from({ length: n }, (_, j) => ({
        properties: { dealname: `Chaos deal ${i + j}`, amount: "100" },
      })),
    );
    dealIds.push(...made.map((d) => d.id));
  }
  if (values["rate-limits"]) {
    await call(qbo.fetch, "POST", `${Q}/__emulator/rate-limits`, { enabled: true });
    await call(hubspot.fetch, "POST", `${H}/__emulator/rate-limits`, { enabled: true });
  }
  const qboServer = await listen(qbo.fetch);
  const hubspotServer = await listen(hubspot.fetch);
  const host: Host = {
    qboUrl: qboServer.url,
    hubspotUrl: hubspotServer.url,
    realmId: String(realmId),
    portalId,
    qboToken: { access_token: qboToken.access_token, refresh_token: qboToken.refresh_token },
    hsToken: { access_token: hsToken.access_token, refresh_token: hsToken.refresh_token },
    itemId: String(item.Id),
    existingCustomerId: String(existing.Id),
    dealIds,
  };
  process.stdout.write(`${JSON.stringify(host)}\n`);
}

if (process.argv[1]?.endsWith("emulator-host.ts")) await main();
