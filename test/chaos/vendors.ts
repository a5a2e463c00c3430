import type { LoggedRequest } from "../../src/emulators/kit/request-log.ts";
import { NO_FAULTS_HEADER } from "../../src/emulators/kit/faults.ts";
import type { Host } from "./emulator-host.ts";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function json(res: Response, what: string): Promise<Json> {
  if (!res.ok) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Json;
}

/** Marks the reader's own calls in the emulators' request logs, apart from Ledgerlink's. */
export const READER_MARK = "chaos-reader=1";
/**
 * The reader's calls pass the fault rules by (the emulators' `x-emulator-no-faults`): the faults are
 * Ledgerlink's to meet, and a poll slowed by its own retries would move the measured end of a run.
 */
const UNFAULTED = { [NO_FAULTS_HEADER]: "1" };

export function control(base: string) {
  return async (method: string, path: string, body?: unknown): Promise<Json> =>
    json(
      await fetch(`${base}/__emulator${path}`, {
        method,
        headers: { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
      `${method} ${path}`,
    );
}

/**
 * The vendors' actual state, read back through their public APIs with the seed tokens: the only
 * source "lost" and "duplicated" are computed from (never Ledgerlink's own tables). Control routes
 * are never faulted, but the API is: the reader retries what the fault pump may have hit.
 */
export function vendorReader(host: Host) {
  const qbo = control(host.qboUrl);
  const retrying = async (what: string, run: () => Promise<Response>): Promise<Json> => {
    for (let attempt = 0; ; attempt++) {
      const res = await run();
      if (res.ok) return (await res.json()) as Json;
      // Not faulted (UNFAULTED), but a token may expire under it (the token-expiry scenario).
      if (attempt >= 600 || ![401, 429, 500, 502, 503].includes(res.status)) await json(res, what);
      if (res.status === 401) await refreshQbo();
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  // The reader's own QBO token: a fresh grant, so the token-expiry scenario cannot hit it for long.
  let qboAccess = host.qboToken.access_token;
  const refreshQbo = async () => {
    qboAccess = String((await qbo("POST", "/tokens", { realmId: host.realmId })).access_token);
  };
  const qboQuery = async (entity: string): Promise<Json[]> => {
    const rows: Json[] = [];
    for (let start = 1; ; start += 1000) {
      const q = `select * from ${entity} startposition ${start} maxresults 1000`;
      const body = await retrying(`QBO ${entity}`, () =>
        fetch(
          `${host.qboUrl}/v3/company/${host.realmId}/query?query=${encodeURIComponent(q)}&${READER_MARK}`,
          {
            headers: { authorization: `Bearer ${qboAccess}`, accept: "application/json", ...UNFAULTED },
          },
        ),
      );
      const page = (body.QueryResponse?.[entity] ?? []) as Json[];
      rows.push(...page);
      if (page.length < 1000) return rows;
    }
  };
  const hubspotAll = async (object: string, properties: string[]): Promise<Json[]> => {
    const rows: Json[] = [];
    let after: string | undefined;
    for (;;) {
      const url = `${host.hubspotUrl}/crm/v3/objects/${object}?limit=100&properties=${properties.join(",")}${after ? `&after=${after}` : ""}&${READER_MARK}`;
      const body = await retrying(`HubSpot ${object}`, () =>
        fetch(url, { headers: { authorization: `Bearer ${host.hsToken.access_token}`, ...UNFAULTED } }),
      );
      rows.push(...(body.results as Json[]));
      after = body.paging?.next?.after as string | undefined;
      if (!after) return rows;
    }
  };
  const qboWrite = async (path: string, body: unknown): Promise<Json> =>
    retrying(`QBO ${path}`, () =>
      fetch(`${host.qboUrl}/v3/company/${host.realmId}${path}?${READER_MARK}`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${qboAccess}`,
          accept: "application/json",
          "content-type": "application/json",
          ...UNFAULTED,
        },
        body: JSON.stringify(body),
      }),
    );
  const hubspotPatch = async (path: string, body: unknown): Promise<Json> =>
    retrying(`HubSpot ${path}`, () =>
      fetch(`${host.hubspotUrl}${path}?${READER_MARK}`, {
        method: "PATCH",
        headers: {
          authorization: `Bearer ${host.hsToken.access_token}`,
          "content-type": "application/json",
          ...UNFAULTED,
        },
        body: JSON.stringify(body),
      }),
    );
  return {
    /** A user editing a contact's phone in HubSpot. */
    setHubSpotPhone: (contactId: string, phone: string) =>
      hubspotPatch(`/crm/v3/objects/contacts/${contactId}`, { properties: { phone } }),
    /** A bookkeeper editing a customer's phone in QuickBooks (a sparse update on its SyncToken). */
    setQboPhone: (customer: { Id: string; SyncToken?: string }, phone: string) =>
      qboWrite("/customer", {
        Id: customer.Id,
        SyncToken: customer.SyncToken,
        sparse: true,
        PrimaryPhone: { FreeFormNumber: phone },
      }),
    /** A bookkeeper receiving the full amount of an invoice in QuickBooks. */
    payInvoice: async (invoice: { Id: string; CustomerRef: { value: string }; TotalAmt?: number }) =>
      qboWrite("/payment", {
        CustomerRef: { value: invoice.CustomerRef.value },
        TotalAmt: invoice.TotalAmt,
        Line: [{ Amount: invoice.TotalAmt, LinkedTxn: [{ TxnId: invoice.Id, TxnType: "Invoice" }] }],
      }),
    hubspotDeals: async () =>
      (await hubspotAll("deals", ["dealname", "qbo_invoice_status"])) as Array<{
        id: string;
        properties: Record<string, string | null>;
      }>,
    /** HubSpot's invoice objects (Ledgerlink's mirrors of QBO invoices). */
    hubspotInvoices: async () => hubspotAll("invoices", ["hs_number"]),
    qboCustomers: async () =>
      (await qboQuery("Customer")).filter((c) => c.Active !== false) as Array<{
        Id: string;
        SyncToken?: string;
        DisplayName: string;
        PrimaryPhone?: { FreeFormNumber?: string };
        PrimaryEmailAddr?: { Address?: string };
      }>,
    qboInvoices: async () =>
      (await qboQuery("Invoice")) as Array<{
        Id: string;
        CustomerRef: { value: string };
        CustomerMemo?: { value?: string };
      }>,
    hubspotContacts: async () =>
      (await hubspotAll("contacts", ["email", "firstname", "lastname", "phone"])) as Array<{
        id: string;
        properties: Record<string, string | null>;
      }>,
  };
}
export type VendorReader = ReturnType<typeof vendorReader>;

/** Expected keys against the keys found: how many never arrived and how many arrived twice or more. */
export function tally(
  expected: string[],
  found: string[],
): { created: number; lost: number; duplicated: number } {
  const counts = new Map<string, number>();
  for (const key of found) counts.set(key, (counts.get(key) ?? 0) + 1);
  let lost = 0;
  let duplicated = 0;
  let created = 0;
  for (const key of expected) {
    const n = counts.get(key) ?? 0;
    if (n === 0) lost += 1;
    else created += 1;
    if (n > 1) duplicated += n - 1;
  }
  return { created, lost, duplicated };
}

/** POSTs that only read (searches, batch reads, queries) and token grants: not writes. */
const NOT_A_WRITE = /\/(search|query)$|\/batch\/read$|oauth|token/i;

/** A logged request that wrote, with success, and was received at or after `sinceMs`. */
export const isWriteSince = (r: LoggedRequest, sinceMs: number): boolean =>
  r.method !== "GET" && r.status < 300 && Date.parse(r.at) >= sinceMs && !NOT_A_WRITE.test(r.path);

/**
 * Whether either vendor has answered with success a write it received at or after `sinceMs`
 * (epoch ms, the emulators' clock being the machine's). After a kill this is the replacement at
 * work: what the killed process sent was received before it died, however late it lands.
 */
export async function wroteSince(host: Host, sinceMs: number): Promise<boolean> {
  for (const base of [host.qboUrl, host.hubspotUrl]) {
    const { requests } = (await control(base)("GET", "/requests")) as { requests: LoggedRequest[] };
    if (requests.some((r) => isWriteSince(r, sinceMs))) return true;
  }
  return false;
}
