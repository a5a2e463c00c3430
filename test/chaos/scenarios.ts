import { pullQboChanges } from "../../src/features/changes/index.ts";
import { reconcileHubSpotRecords } from "../../src/features/record-sync/jobs.ts";
import type { Host } from "./emulator-host.ts";
import type { Backend, Running } from "./processes.ts";
import { CONNECTION_ID, enqueueBetweenPhases, type Work } from "./seed.ts";
import type { VendorReader } from "./vendors.ts";

/** What a scenario's fault-free first phase may use before the measured run starts. */
export interface PrepareContext {
  backend: Backend;
  host: Host;
  reader: VendorReader;
  records: number;
  startWorker(): Promise<Running>;
  /** Polls `count` every second until it reaches `target` and stays there for a few seconds. */
  until(count: () => Promise<number>, target: number): Promise<void>;
}

/**
 * One chaos scenario: what the emulators are seeded with, the work queued in Ledgerlink, and how
 * to read back from the vendors the keys that work must leave behind, each exactly once.
 */
export interface Scenario {
  name: string;
  /** The same scenario without faults, kills or clock moves: the wall-time reference. */
  baseline: string;
  seed(records: number): { customers: number; contacts: number; deals: number };
  work(host: Host, records: number): Work;
  expected(records: number, host: Host): string[];
  /** A fault-free first phase, not measured (e.g. the invoices whose payments are then synced). */
  prepare?(ctx: PrepareContext): Promise<void>;
  found(reader: VendorReader): Promise<string[]>;
  workers: number;
  /** Workers killed with SIGKILL during the run (a new one started after each). */
  kills: number;
  /** Moves the emulators' clock past every access token's expiry once the workers run. */
  tokenExpiry?: boolean;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const email = (c: { PrimaryEmailAddr?: { Address?: string } }) => c.PrimaryEmailAddr?.Address ?? "";

/**
 * An initial sync is a bulk job, so its rows move more than `records`. At 60 records one took about
 * a second (the reader's own resolution), and a single slow answer (1.5 s) made that 2 or 3 ×:
 * the ratio measured luck. At these sizes the run's time is set by the vendors' rates, as in real
 * use: 100 contacts a call at HubSpot's 110 calls per 10 s, and QuickBooks' creates. Into HubSpot
 * the run crosses HubSpot's 10-second window (120 calls at N = 60). At 6,000 contacts it made 60
 * calls in 6 s, and the last call's retries alone (up to 5 s when it met three 429s in a row)
 * moved the ratio by most of its room. Into QuickBooks, 600 contacts are two chunks of creates
 * (ADR 0044 item 7); at 300 the run took 8 s, of which one chunk's slowest retry chain took up to 5.
 */
export const INITIAL_SYNC_SCALE = { toHubSpot: 200, toQbo: 10 };

const initialToHubSpot: Omit<Scenario, "name" | "kills"> = {
  baseline: "initial-sync-to-hubspot",
  seed: (n) => ({ customers: n * INITIAL_SYNC_SCALE.toHubSpot, contacts: 0, deals: 0 }),
  work: () => ({ initialSync: "to_hubspot" }),
  expected: (n) => range(n * INITIAL_SYNC_SCALE.toHubSpot).map((i) => `customer${i}@chaos.example`),
  found: async (r) => (await r.hubspotContacts()).map((c) => c.properties.email ?? ""),
  workers: 1,
};

const initialToQbo: Omit<Scenario, "name" | "kills"> = {
  baseline: "initial-sync-to-qbo",
  seed: (n) => ({ customers: 0, contacts: n * INITIAL_SYNC_SCALE.toQbo, deals: 0 }),
  work: () => ({ initialSync: "to_qbo" }),
  expected: (n) => range(n * INITIAL_SYNC_SCALE.toQbo).map((i) => `contact${i}@chaos.example`),
  found: async (r) => (await r.qboCustomers()).map(email),
  workers: 1,
};

const memo = (i: number) => `chaos invoice ${i}`;
const invoicePush: Omit<Scenario, "name" | "kills"> = {
  baseline: "invoice-push",
  seed: (n) => ({ customers: 0, contacts: 0, deals: n }),
  work: (host, n) => ({
    drafts: range(n).map((i) => ({
      memo: memo(i),
      dealId: host.dealIds[i]!,
      customer: { existing: host.existingCustomerId },
    })),
  }),
  expected: (n) => range(n).map(memo),
  found: async (r) => (await r.qboInvoices()).map((i) => i.CustomerMemo?.value ?? ""),
  workers: 1,
};

/**
 * Two drafts for each new contact, queued at the same moment and taken by two workers at once:
 * one QBO customer per contact ("Chaos Person 3 (2)" counts as a duplicate) and both invoices.
 */
const people = (n: number) => Math.max(1, Math.floor(n / 2));
const concurrentCustomer: Scenario = {
  name: "concurrent-customer-creation",
  baseline: "concurrent-customer-creation",
  seed: (n) => ({ customers: 0, contacts: 0, deals: 2 * people(n) }),
  work: (host, n) => ({
    drafts: range(2 * people(n)).map((i) => ({
      memo: memo(i),
      dealId: host.dealIds[i]!,
      customer: { newName: `Chaos Person ${Math.floor(i / 2)}` },
    })),
  }),
  expected: (n) => [
    ...range(people(n)).map((p) => `customer:Chaos Person ${p}`),
    ...range(2 * people(n)).map((i) => `invoice:${memo(i)}`),
  ],
  found: async (r) => [
    ...(await r.qboCustomers())
      .map((c) => c.DisplayName)
      .filter((name) => name.startsWith("Chaos Person "))
      .map((name) => `customer:${name.replace(/ \(\d+\)$/, "")}`),
    ...(await r.qboInvoices()).map((i) => `invoice:${i.CustomerMemo?.value ?? ""}`),
  ],
  workers: 2,
  kills: 0,
};

/**
 * Invoice status updates: 2 × N invoices pushed in a fault-free first phase, each then paid in full
 * in QuickBooks by a "bookkeeper", and a CDC pull queued (what QuickBooks' webhook or the reconcile
 * timer would queue). Measured: every deal's `qbo_invoice_status` reaching "paid" in HubSpot.
 * Twice N because the pull is a bulk job too: once each deal was written only when its values
 * changed (ADR 0046), 60 took 9 s, and the first call's retries (3 to 4 s when the CDC read met a
 * 429 and a slow answer) moved the ratio by half its room.
 */
export const STATUS_UPDATE_SCALE = 2;
const statusUpdates: Omit<Scenario, "name" | "kills"> = {
  baseline: "invoice-status-update",
  seed: (n) => invoicePush.seed(n * STATUS_UPDATE_SCALE),
  work: (host, n) => invoicePush.work(host, n * STATUS_UPDATE_SCALE),
  async prepare(ctx) {
    const invoiceCount = ctx.records * STATUS_UPDATE_SCALE;
    const worker = await ctx.startWorker();
    // The push's own follow-up settles too (each deal's properties, each invoice's HubSpot mirror):
    // left pending, a varying share of it ran in the measured phase, on the rate the run is bound by.
    await ctx.until(async () => {
      const [invoices, deals, mirrors] = await Promise.all([
        ctx.reader.qboInvoices(),
        ctx.reader.hubspotDeals(),
        ctx.reader.hubspotInvoices(),
      ]);
      const dealsShown = deals.filter((d) => d.properties.qbo_invoice_status).length;
      return Math.min(invoices.length, dealsShown, mirrors.length);
    }, invoiceCount);
    await worker.kill();
    for (const invoice of await ctx.reader.qboInvoices()) await ctx.reader.payInvoice(invoice);
    await enqueueBetweenPhases(ctx.backend, [
      { job: pullQboChanges, payload: { connectionId: CONNECTION_ID, reason: "user" } },
    ]);
  },
  expected: (n, host) => host.dealIds.slice(0, n * STATUS_UPDATE_SCALE).map((id) => `${id}:paid`),
  found: async (r) => (await r.hubspotDeals()).map((d) => `${d.id}:${d.properties.qbo_invoice_status ?? ""}`),
  workers: 1,
};

/**
 * Interleaved two-way edits (contacts two-way, QuickBooks wins, the defaults). First phase: the
 * initial sync pairs N QBO customers with HubSpot contacts, then a phone set in QBO follows to
 * HubSpot (so Ledgerlink has written into HubSpot once). Then, all at once: a third of the phones
 * edited in HubSpot only, a third in QBO only, a third on both sides; the CDC pull and the HubSpot
 * reconcile are queued. The rules say: a one-sided change reaches the other side, a change on both
 * sides is a conflict QuickBooks wins. A record counts when both sides show the expected phone.
 */
const phone = (round: number, i: number) => `555-${round}${String(i).padStart(3, "0")}`;
const expectedPhone = (i: number) => (i % 3 === 0 ? phone(2, i) : i % 3 === 1 ? phone(3, i) : phone(5, i));
const customerEmail = (i: number) => `customer${i}@chaos.example`;
const twoWayEdits: Omit<Scenario, "name" | "kills"> = {
  baseline: "two-way-edits",
  seed: (n) => ({ customers: n, contacts: 0, deals: 0 }),
  work: () => ({ initialSync: "two_way" }),
  async prepare(ctx) {
    const { reader } = ctx;
    const ours = async () => {
      const byEmail = new Map(
        (await reader.qboCustomers()).map((c) => [c.PrimaryEmailAddr?.Address ?? "", c]),
      );
      const contacts = new Map((await reader.hubspotContacts()).map((c) => [c.properties.email ?? "", c]));
      return Array.from({ length: ctx.records }, (_, i) => ({
        i,
        customer: byEmail.get(customerEmail(i)),
        contact: contacts.get(customerEmail(i)),
      }));
    };
    let worker = await ctx.startWorker();
    await ctx.until(async () => (await ours()).filter((r) => r.contact).length, ctx.records);
    await worker.kill();
    for (const r of await ours()) await reader.setQboPhone(r.customer!, phone(1, r.i));
    await enqueueBetweenPhases(ctx.backend, [
      { job: pullQboChanges, payload: { connectionId: CONNECTION_ID, reason: "user" } },
    ]);
    worker = await ctx.startWorker();
    await ctx.until(
      async () => (await ours()).filter((r) => r.contact?.properties.phone === phone(1, r.i)).length,
      ctx.records,
    );
    await worker.kill();
    for (const r of await ours()) {
      if (r.i % 3 !== 1) await reader.setHubSpotPhone(r.contact!.id, phone(r.i % 3 === 0 ? 2 : 4, r.i));
      if (r.i % 3 !== 0) await reader.setQboPhone(r.customer!, phone(r.i % 3 === 1 ? 3 : 5, r.i));
    }
    await enqueueBetweenPhases(ctx.backend, [
      { job: pullQboChanges, payload: { connectionId: CONNECTION_ID, reason: "user" } },
      {
        job: reconcileHubSpotRecords,
        payload: { portalId: String(ctx.host.portalId), objectType: "contacts" },
      },
    ]);
  },
  expected: (n) =>
    range(n).flatMap((i) => [
      `hubspot:${customerEmail(i)}:${expectedPhone(i)}`,
      `qbo:${customerEmail(i)}:${expectedPhone(i)}`,
    ]),
  found: async (r) => [
    ...(await r.hubspotContacts()).map(
      (c) => `hubspot:${c.properties.email ?? ""}:${c.properties.phone ?? ""}`,
    ),
    ...(await r.qboCustomers()).map((c) => `qbo:${email(c)}:${c.PrimaryPhone?.FreeFormNumber ?? ""}`),
  ],
  workers: 1,
};

export const SCENARIOS: Scenario[] = [
  { ...initialToHubSpot, name: "initial-sync-to-hubspot", kills: 0 },
  { ...initialToQbo, name: "initial-sync-to-qbo", kills: 0 },
  { ...invoicePush, name: "invoice-push", kills: 0 },
  { ...initialToHubSpot, name: "initial-sync-to-hubspot+kill-9", kills: 3 },
  { ...initialToQbo, name: "initial-sync-to-qbo+kill-9", kills: 3 },
  { ...statusUpdates, name: "invoice-status-update", kills: 0 },
  { ...invoicePush, name: "invoice-push+kill-9", kills: 3 },
  { ...statusUpdates, name: "invoice-status-update+kill-9", kills: 3 },
  { ...invoicePush, name: "invoice-push+token-expiry", kills: 0, tokenExpiry: true },
  concurrentCustomer,
  { ...twoWayEdits, name: "two-way-edits", kills: 0 },
  { ...twoWayEdits, name: "two-way-edits+kill-9", kills: 3 },
];

export function scenarioNamed(name: string): Scenario {
  const found = SCENARIOS.find((s) => s.name === name);
  if (!found)
    throw new Error(`no chaos scenario "${name}"; known: ${SCENARIOS.map((s) => s.name).join(", ")}`);
  return found;
}
