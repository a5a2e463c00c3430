import { afterEach, describe, expect, it, vi } from "vitest";
import { seedDemoCompany, type QboSeedApi } from "./demo-seed.ts";
import { refValue, type Entity } from "./entities.ts";
import { referenceData } from "./reference-data.ts";
import { unknownFields } from "./xsd/xsd-fields.ts";

type SeedEntity = Parameters<QboSeedApi["create"]>[0];
type Call =
  | { op: "create"; entity: SeedEntity; body: Entity }
  | { op: "send"; id: string }
  | { op: "void"; id: string; syncToken: string };

const cents = (n: number) => Math.round(n * 100) / 100;
const lines = (e: Entity) => (Array.isArray(e.Line) ? (e.Line as Entity[]) : []);
const detailOf = (line: Entity) => (line.SalesItemLineDetail ?? {}) as Entity;

/**
 * A stand-in for the store: records every call, assigns ids, totals lines naively (no tax) and
 * refuses what QBO would refuse for the rules the seed relies on (refs, 6070, 6000/6100, 5010,
 * over-applied payments), so a seed that passes here passes the real rules for the same reasons.
 */
function fakeApi(country: string, homeCurrency: string) {
  const data = referenceData({ country, homeCurrency });
  const calls: Call[] = [];
  const tables = new Map<SeedEntity, Map<string, Entity>>();
  const table = (entity: SeedEntity) => {
    let found = tables.get(entity);
    if (!found) tables.set(entity, (found = new Map()));
    return found;
  };
  const resolve = (entity: SeedEntity, ref: unknown, field: string): Entity => {
    const row = table(entity).get(refValue(ref) ?? "");
    if (!row) throw new Error(`Invalid Reference Id: ${field} ${JSON.stringify(ref)}`);
    return row;
  };
  const has = (rows: Entity[], ref: unknown) =>
    rows.some((r) => r.Id === refValue(ref) && r.Active !== false);

  function checkSalesLines(body: Entity) {
    if (lines(body).length === 0) throw new Error("2020 Required param missing: Line");
    for (const line of lines(body)) {
      const detail = detailOf(line);
      resolve("Item", detail.ItemRef, "ItemRef");
      if (cents(Number(detail.Qty) * Number(detail.UnitPrice)) !== line.Amount)
        throw new Error(`6070 Amount calculation incorrect: ${JSON.stringify(line)}`);
      const tax = refValue(detail.TaxCodeRef);
      if (country === "US") {
        if (tax !== undefined && tax !== "TAX" && tax !== "NON")
          throw new Error(`6100 Invalid line TaxCode ${tax}`);
      } else if (!has(data.taxCodes, detail.TaxCodeRef)) {
        throw new Error(`6000 Make sure all your transactions have a tax rate: ${JSON.stringify(line)}`);
      }
    }
  }

  // Refusals reject the returned promise, as the real API's do.
  const later = <T>(work: () => T) => new Promise<T>((ok) => ok(work()));
  const api: QboSeedApi = {
    country,
    homeCurrency,
    accounts: data.accounts,
    terms: data.terms,
    taxCodes: data.taxCodes,
    create: (entity, body) => later(() => createNow(entity, body)),
    send: (id) => later(() => sendNow(id)),
    voidInvoice: (id, syncToken) => later(() => voidNow(id, syncToken)),
  };

  function createNow(entity: SeedEntity, body: Entity): Entity {
    calls.push({ op: "create", entity, body: structuredClone(body) });
    const row: Entity = { ...structuredClone(body), Id: String(table(entity).size + 1), SyncToken: "0" };
    if (entity === "Customer" && row.SalesTermRef !== undefined && !has(data.terms, row.SalesTermRef))
      throw new Error("Invalid Reference Id: SalesTermRef");
    if (entity === "Item" && !has(data.accounts, row.IncomeAccountRef))
      throw new Error("2020 Required parameter IncomeAccountRef is missing");
    if (entity === "Invoice" || entity === "Estimate") {
      const customer = resolve("Customer", body.CustomerRef, "CustomerRef");
      checkSalesLines(body);
      const total = cents(lines(body).reduce((sum, l) => sum + Number(l.Amount), 0));
      Object.assign(row, {
        TotalAmt: total,
        ...(entity === "Invoice" ? { Balance: total } : {}),
        EmailStatus: body.EmailStatus ?? "NotSet",
        BillEmail: body.BillEmail ?? customer.PrimaryEmailAddr,
      });
    }
    if (entity === "Payment") {
      resolve("Customer", body.CustomerRef, "CustomerRef");
      const applied = cents(lines(body).reduce((sum, l) => sum + Number(l.Amount), 0));
      if (applied > Number(body.TotalAmt)) throw new Error("lines exceed TotalAmt");
      for (const line of lines(body)) {
        for (const link of (line.LinkedTxn ?? []) as Entity[]) {
          const invoice = resolve("Invoice", { value: link.TxnId }, "LinkedTxn");
          if (link.TxnType !== "Invoice" || invoice.PrivateNote === "Voided") throw new Error("bad link");
          const balance = cents(Number(invoice.Balance) - Number(line.Amount));
          if (balance < 0) throw new Error("payment exceeds the invoice balance");
          invoice.Balance = balance;
        }
      }
    }
    table(entity).set(String(row.Id), row);
    return structuredClone(row);
  }

  function sendNow(id: string): void {
    calls.push({ op: "send", id });
    const invoice = resolve("Invoice", { value: id }, "Id");
    if (!invoice.BillEmail) throw new Error("Invalid email address: no BillEmail to send to");
    Object.assign(invoice, {
      EmailStatus: "EmailSent",
      DeliveryInfo: { DeliveryType: "Email" },
      SyncToken: String(Number(invoice.SyncToken) + 1),
    });
  }

  function voidNow(id: string, syncToken: string): void {
    calls.push({ op: "void", id, syncToken });
    const invoice = resolve("Invoice", { value: id }, "Id");
    if (invoice.SyncToken !== syncToken) throw new Error("5010 Stale Object Error");
    Object.assign(invoice, {
      TotalAmt: 0,
      Balance: 0,
      PrivateNote: "Voided",
      SyncToken: String(Number(invoice.SyncToken) + 1),
    });
  }
  return { api, calls, tables, data };
}

async function seed(country: string, homeCurrency: string, today: string) {
  const fake = fakeApi(country, homeCurrency);
  await seedDemoCompany(fake.api, today);
  return fake;
}

const creates = (calls: Call[], entity: SeedEntity) =>
  calls.flatMap((c) => (c.op === "create" && c.entity === entity ? [c.body] : []));

/** S1 statuses as docs/vendors/quickbooks.md §3.3 derives them from QBO data, in order of precedence. */
function statusOf(invoice: Entity, today: string): string {
  const total = Number(invoice.TotalAmt);
  const balance = Number(invoice.Balance);
  if (invoice.PrivateNote === "Voided" && total === 0) return "voided";
  if (total > 0 && balance === 0) return "paid";
  if (balance > 0 && balance < total) return "partially paid";
  if (balance > 0 && String(invoice.DueDate) < today) return "overdue";
  if (invoice.EmailStatus === "EmailSent" && invoice.DeliveryInfo) return "sent";
  if (invoice.EmailStatus === "NeedToSend" && invoice.BillEmail) return "awaiting send";
  return "other";
}

/** Every `YYYY-MM-DD` in the calls, rewritten as an offset from `today`. */
function relativeToToday(calls: Call[], today: string): unknown {
  const days = (date: string) =>
    (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  return JSON.parse(
    JSON.stringify(calls, (_key, value: unknown) =>
      typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? `today${days(value) >= 0 ? "+" : ""}${days(value)}`
        : value,
    ),
  );
}

const TODAY = "2026-05-15";

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe.each([
  ["US", "USD"],
  ["GB", "GBP"],
])("demo company, %s", (country, currency) => {
  it("has an invoice in every status relative to today", async () => {
    const { tables } = await seed(country, currency, TODAY);
    const statuses = [...(tables.get("Invoice")?.values() ?? [])].map((inv) => statusOf(inv, TODAY));
    expect(new Set(statuses)).toEqual(
      new Set(["awaiting send", "sent", "partially paid", "paid", "overdue", "voided"]),
    );
  });

  it("queues the awaiting-send invoice with its own BillEmail", async () => {
    const { calls } = await seed(country, currency, TODAY);
    const queued = creates(calls, "Invoice").filter((i) => i.EmailStatus === "NeedToSend");
    expect(queued.length).toBeGreaterThan(0);
    for (const inv of queued) expect((inv.BillEmail as Entity | undefined)?.Address).toContain("@");
  });

  it("sends only field names of Intuit's XSD for each entity", async () => {
    const { calls } = await seed(country, currency, TODAY);
    for (const call of calls) {
      if (call.op === "create") expect(unknownFields(call.entity, call.body), call.entity).toEqual([]);
    }
  });

  it("puts the right tax code on every sales line", async () => {
    const { calls, data } = await seed(country, currency, TODAY);
    const sales = [...creates(calls, "Invoice"), ...creates(calls, "Estimate")];
    expect(sales.length).toBeGreaterThan(0);
    for (const line of sales.flatMap(lines)) {
      const tax = refValue(detailOf(line).TaxCodeRef);
      if (country === "US") expect([undefined, "TAX", "NON"]).toContain(tax);
      else expect(data.taxCodes.map((c) => c.Id)).toContain(tax);
    }
  });
});

describe("demo company contents (X-QB)", () => {
  it("non-US lines all carry a TaxCodeRef, for every tax model", async () => {
    for (const [country, currency] of [
      ["CA", "CAD"],
      ["AU", "AUD"],
      ["FR", "EUR"],
    ] as const) {
      const { calls, data } = await seed(country, currency, TODAY);
      const sales = [...creates(calls, "Invoice"), ...creates(calls, "Estimate")].flatMap(lines);
      for (const line of sales) {
        expect(
          data.taxCodes.map((c) => c.Id),
          country,
        ).toContain(refValue(detailOf(line).TaxCodeRef));
      }
    }
  });

  it("has about eight customers, companies and people, reachable by email and post", async () => {
    const { calls, data } = await seed("US", "USD", TODAY);
    const customers = creates(calls, "Customer");
    expect(customers.length).toBeGreaterThanOrEqual(6);
    expect(customers.length).toBeLessThanOrEqual(12);
    expect(new Set(customers.map((c) => c.DisplayName)).size).toBe(customers.length);
    expect(customers.some((c) => c.CompanyName)).toBe(true);
    expect(customers.some((c) => !c.CompanyName && c.GivenName && c.FamilyName)).toBe(true);
    for (const c of customers) {
      expect((c.PrimaryEmailAddr as Entity | undefined)?.Address).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
      expect((c.BillAddr as Entity | undefined)?.Line1).toBeTruthy();
      expect(String(c.DisplayName)).not.toContain(":");
    }
    const withTerms = customers.filter((c) => c.SalesTermRef !== undefined);
    expect(withTerms.length).toBeGreaterThan(0);
    for (const c of withTerms) expect(data.terms.map((t) => t.Id)).toContain(refValue(c.SalesTermRef));
  });

  it("has service and non-inventory items posting to an income account", async () => {
    const { calls, data } = await seed("GB", "GBP", TODAY);
    const items = creates(calls, "Item");
    expect(items.length).toBeGreaterThanOrEqual(4);
    expect(new Set(items.map((i) => i.Type))).toEqual(new Set(["Service", "NonInventory"]));
    expect(new Set(items.map((i) => i.Name)).size).toBe(items.length);
    for (const item of items) {
      const account = data.accounts.find((a) => a.Id === refValue(item.IncomeAccountRef));
      expect(account?.AccountType).toBe("Income");
      expect(Number(item.UnitPrice)).toBeGreaterThan(0);
      expect(item.Description).toBeTruthy();
      expect(item.Sku).toBeTruthy();
    }
  });

  it("pays invoices with payments whose TotalAmt is the sum of their lines, one of them in part", async () => {
    const { calls, tables } = await seed("GB", "GBP", TODAY);
    const payments = creates(calls, "Payment");
    expect(payments.length).toBeGreaterThanOrEqual(2);
    let partial = 0;
    for (const payment of payments) {
      const applied = cents(lines(payment).reduce((sum, l) => sum + Number(l.Amount), 0));
      expect(payment.TotalAmt).toBe(applied);
      for (const line of lines(payment)) {
        const [link] = line.LinkedTxn as Entity[];
        const invoice = tables.get("Invoice")?.get(String(link?.TxnId));
        expect(invoice).toBeDefined();
        if (Number(line.Amount) < Number(invoice?.TotalAmt)) partial += 1;
      }
    }
    expect(partial).toBeGreaterThan(0);
  });

  it("has pending and accepted estimates that expire after they are dated", async () => {
    const { calls } = await seed("US", "USD", TODAY);
    const estimates = creates(calls, "Estimate");
    expect(estimates.length).toBeGreaterThanOrEqual(2);
    expect(new Set(estimates.map((e) => e.TxnStatus))).toEqual(new Set(["Pending", "Accepted"]));
    for (const e of estimates) expect(String(e.ExpirationDate) >= String(e.TxnDate)).toBe(true);
  });

  it("dates everything relative to today, within the last few months", async () => {
    const base = relativeToToday((await seed("GB", "GBP", TODAY)).calls, TODAY);
    for (const today of ["2027-01-01", "2028-02-29", "2026-12-31"]) {
      expect(relativeToToday((await seed("GB", "GBP", today)).calls, today), today).toEqual(base);
    }
    const offsets = JSON.stringify(base).match(/today[+-]\d+/g) ?? [];
    expect(offsets.length).toBeGreaterThan(0);
    for (const offset of offsets) {
      expect(Math.abs(Number(offset.slice(5)))).toBeLessThanOrEqual(120);
    }
    const invoices = creates((await seed("GB", "GBP", TODAY)).calls, "Invoice");
    for (const inv of invoices) {
      expect(String(inv.TxnDate) <= TODAY).toBe(true);
      expect(String(inv.DueDate) >= String(inv.TxnDate)).toBe(true);
    }
  });

  it("is deterministic: no randomness and no clock", async () => {
    const random = vi.spyOn(Math, "random");
    vi.useFakeTimers({ now: new Date("2030-01-01T00:00:00Z") });
    const first = (await seed("US", "USD", TODAY)).calls;
    vi.setSystemTime(new Date("2031-07-04T12:00:00Z"));
    const second = (await seed("US", "USD", TODAY)).calls;
    expect(second).toEqual(first);
    expect(random).not.toHaveBeenCalled();
  });

  it("the fake refuses what QBO refuses (6070, 6000), so the checks above mean something", async () => {
    const { api } = fakeApi("GB", "GBP");
    const customer = await api.create("Customer", { DisplayName: "X" });
    const item = await api.create("Item", {
      Name: "I",
      Type: "Service",
      UnitPrice: 10,
      IncomeAccountRef: { value: "1" },
    });
    const line = (amount: number, tax?: string) => ({
      Amount: amount,
      DetailType: "SalesItemLineDetail",
      SalesItemLineDetail: {
        ItemRef: { value: item.Id },
        Qty: 2,
        UnitPrice: 10,
        TaxCodeRef: tax && { value: tax },
      },
    });
    const invoice = (l: Entity) => api.create("Invoice", { CustomerRef: { value: customer.Id }, Line: [l] });
    await expect(invoice(line(21, "1"))).rejects.toThrow(/6070/);
    await expect(invoice(line(20))).rejects.toThrow(/6000/);
    await expect(invoice(line(20, "1"))).resolves.toMatchObject({ TotalAmt: 20, Balance: 20 });
  });
});
