import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { faultOf, startQboHarness, type QboClient, type QboHarness } from "./harness.ts";

type Json = Record<string, unknown>;

async function firstOf(qbo: QboClient, finder: string, criteria: unknown = {}): Promise<Json> {
  const res = await qbo.call<Json>(finder, criteria);
  const rows = Object.values(res.QueryResponse as Json).find(Array.isArray) as Json[];
  return rows[0]!;
}

/** X-QB: sales transactions and payments, with totals, numbering, tax and currency rules. */
describe("QBO emulator: invoices, estimates and payments (X-QB)", () => {
  let h: QboHarness;
  let us: QboClient;
  let customer: Json;
  let item: Json;

  beforeAll(async () => {
    h = await startQboHarness();
    ({ qbo: us } = await h.connect({ name: "US Co", country: "US" }));
    const income = await firstOf(us, "findAccounts", { AccountType: "Income" });
    customer = await us.call<Json>("createCustomer", {
      DisplayName: "Acme",
      PrimaryEmailAddr: { Address: "ap@acme.example" },
    });
    item = await us.call<Json>("createItem", {
      Name: "Consulting",
      Type: "Service",
      UnitPrice: 100,
      IncomeAccountRef: { value: income.Id },
    });
  });
  afterAll(() => h.close());

  const line = (qty: number, price: number, extra: Json = {}) => ({
    DetailType: "SalesItemLineDetail",
    Amount: qty * price,
    SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: qty, UnitPrice: price, ...extra },
  });

  it("computes totals and Balance, numbers the invoice and copies BillEmail", async () => {
    const inv = await us.call<Json>("createInvoice", {
      CustomerRef: { value: customer.Id },
      TxnDate: "2026-05-01",
      Line: [line(2, 100), line(1, 50.5)],
    });
    expect(inv).toMatchObject({
      TotalAmt: 250.5,
      Balance: 250.5,
      DocNumber: "1001",
      EmailStatus: "NotSet",
      BillEmail: { Address: "ap@acme.example" },
      CustomerRef: { value: customer.Id, name: "Acme" },
      DueDate: "2026-05-31",
    });
    const lines = inv.Line as Json[];
    expect(lines.at(-1)).toMatchObject({ DetailType: "SubTotalLineDetail", Amount: 250.5 });
    const next = await us.call<Json>("createInvoice", {
      CustomerRef: { value: customer.Id },
      Line: [line(1, 1)],
    });
    expect(next.DocNumber).toBe("1002");
  });

  it("refuses Amount ≠ Qty × UnitPrice (6070), no lines or customer (2020), a used DocNumber (6140)", async () => {
    const bad = await us
      .call("createInvoice", {
        CustomerRef: { value: customer.Id },
        Line: [{ ...line(2, 100), Amount: 150 }],
      })
      .catch((e) => e);
    expect(faultOf(bad).code).toBe("6070");
    expect(
      faultOf(await us.call("createInvoice", { CustomerRef: { value: customer.Id } }).catch((e) => e)).code,
    ).toBe("2020");
    expect(faultOf(await us.call("createInvoice", { Line: [line(1, 1)] }).catch((e) => e)).code).toBe("2020");
    await us.call("createInvoice", {
      CustomerRef: { value: customer.Id },
      DocNumber: "X-1",
      Line: [line(1, 1)],
    });
    const dup = await us
      .call("createInvoice", { CustomerRef: { value: customer.Id }, DocNumber: "X-1", Line: [line(1, 1)] })
      .catch((e) => e);
    expect(faultOf(dup).code).toBe("6140");
    const allowed = await us.call<Json>("createInvoice", {
      CustomerRef: { value: customer.Id },
      DocNumber: "X-1",
      allowDuplicateDocNum: true,
      Line: [line(1, 1)],
    });
    expect(allowed.DocNumber).toBe("X-1");
  });

  it("accepts only TAX or NON as a US line tax code (6100)", async () => {
    const bad = await us
      .call("createInvoice", {
        CustomerRef: { value: customer.Id },
        Line: [line(1, 10, { TaxCodeRef: { value: "5" } })],
      })
      .catch((e) => e);
    expect(faultOf(bad).code).toBe("6100");
  });

  it("sends: EmailStatus EmailSent with DeliveryInfo, and a real PDF", async () => {
    const inv = await us.call<Json>("createInvoice", {
      CustomerRef: { value: customer.Id },
      Line: [line(1, 10)],
    });
    const sent = await us.call<Json>("sendInvoicePdf", inv.Id, "billing+ap@acme.example");
    expect(sent).toMatchObject({
      EmailStatus: "EmailSent",
      BillEmail: { Address: "billing+ap@acme.example" },
    });
    expect((sent.DeliveryInfo as Json).DeliveryType).toBe("Email");
    const pdf = await us.call<Buffer>("getInvoicePdf", inv.Id);
    const text = Buffer.from(pdf).toString("latin1");
    expect(text.startsWith("%PDF-1.4")).toBe(true);
    expect(text).toContain(`Invoice ${String(inv.DocNumber)}`);
    expect(text.trimEnd().endsWith("%%EOF")).toBe(true);
  });

  it("applies payments: partial, then full; deleting a payment restores the balance", async () => {
    const inv = await us.call<Json>("createInvoice", {
      CustomerRef: { value: customer.Id },
      Line: [line(1, 300)],
    });
    const link = (amount: number) => ({ Amount: amount, LinkedTxn: [{ TxnId: inv.Id, TxnType: "Invoice" }] });
    const p1 = await us.call<Json>("createPayment", {
      CustomerRef: { value: customer.Id },
      TotalAmt: 120,
      Line: [link(100)],
    });
    expect(p1.UnappliedAmt).toBe(20);
    let now = await us.call<Json>("getInvoice", inv.Id);
    expect(now).toMatchObject({
      Balance: 200,
      SyncToken: "1",
      LinkedTxn: [{ TxnId: p1.Id, TxnType: "Payment" }],
    });
    const over = await us
      .call("createPayment", { CustomerRef: { value: customer.Id }, TotalAmt: 500, Line: [link(500)] })
      .catch((e) => e);
    expect(faultOf(over).code).toBe("6000");
    const p2 = await us.call<Json>("createPayment", {
      CustomerRef: { value: customer.Id },
      TotalAmt: 200,
      Line: [link(200)],
    });
    expect((await us.call<Json>("getInvoice", inv.Id)).Balance).toBe(0);
    await us.call("deletePayment", { Id: p2.Id, SyncToken: p2.SyncToken });
    now = await us.call<Json>("getInvoice", inv.Id);
    expect(now.Balance).toBe(200);
    const cust = await us.call<Json>("getCustomer", customer.Id);
    expect(Number(cust.Balance)).toBeGreaterThan(0);
  });

  it("voids an invoice: zero amounts, PrivateNote Voided; deletes answer status Deleted", async () => {
    const inv = await us.call<Json>("createInvoice", {
      CustomerRef: { value: customer.Id },
      Line: [line(3, 10)],
    });
    const voided = await us.call<Json>("voidInvoice", { Id: inv.Id, SyncToken: inv.SyncToken });
    expect(voided.Invoice).toMatchObject({ TotalAmt: 0, Balance: 0, PrivateNote: "Voided" });
    const other = await us.call<Json>("createInvoice", {
      CustomerRef: { value: customer.Id },
      Line: [line(1, 10)],
    });
    const deleted = await us.call<Json>("deleteInvoice", { Id: other.Id, SyncToken: other.SyncToken });
    expect(deleted.Invoice).toEqual({ status: "Deleted", domain: "QBO", Id: other.Id });
    expect(faultOf(await us.call("getInvoice", other.Id).catch((e) => e)).code).toBe("610");
  });

  it("invoicing an estimate closes it and links both ways", async () => {
    const est = await us.call<Json>("createEstimate", {
      CustomerRef: { value: customer.Id },
      Line: [line(1, 75)],
    });
    expect(est).toMatchObject({ TxnStatus: "Pending", TotalAmt: 75 });
    const inv = await us.call<Json>("createInvoice", {
      CustomerRef: { value: customer.Id },
      Line: [line(1, 75)],
      LinkedTxn: [{ TxnId: est.Id, TxnType: "Estimate" }],
    });
    const closed = await us.call<Json>("getEstimate", est.Id);
    expect(closed).toMatchObject({ TxnStatus: "Closed", LinkedTxn: [{ TxnId: inv.Id, TxnType: "Invoice" }] });
  });

  it("leaves DocNumber empty when the company uses custom transaction numbers", async () => {
    const { qbo } = await h.connect({ name: "Custom Numbers", country: "US", customTxnNumbers: true });
    const income = await firstOf(qbo, "findAccounts", { AccountType: "Income" });
    const c = await qbo.call<Json>("createCustomer", { DisplayName: "C" });
    const i = await qbo.call<Json>("createItem", { Name: "I", IncomeAccountRef: { value: income.Id } });
    const l = [
      {
        DetailType: "SalesItemLineDetail",
        Amount: 5,
        SalesItemLineDetail: { ItemRef: { value: i.Id }, Qty: 1, UnitPrice: 5 },
      },
    ];
    const inv = await qbo.call<Json>("createInvoice", { CustomerRef: { value: c.Id }, Line: l });
    expect(inv.DocNumber).toBeUndefined();
    const auto = await qbo.call<Json>("createInvoice", {
      CustomerRef: { value: c.Id },
      DocNumber: "AUTO_GENERATE",
      Line: l,
    });
    expect(auto.DocNumber).toBe("1001");
    const prefs = await qbo.call<Json>("getPreferences");
    expect((prefs.SalesFormsPrefs as Json).CustomTxnNumbers).toBe(true);
  });

  it("outside the US every line needs a tax code (6000), and VAT is computed", async () => {
    const { qbo } = await h.connect({ name: "UK Ltd", country: "GB" });
    const income = await firstOf(qbo, "findAccounts", { AccountType: "Income" });
    const codes = (await qbo.call<Json>("findTaxCodes", {})).QueryResponse as Json;
    const standard = (codes.TaxCode as Json[]).find((t) => String(t.Name).startsWith("20.0% S"))!;
    const c = await qbo.call<Json>("createCustomer", { DisplayName: "Brit" });
    const i = await qbo.call<Json>("createItem", { Name: "Design", IncomeAccountRef: { value: income.Id } });
    const l = (extra: Json) => [
      {
        DetailType: "SalesItemLineDetail",
        Amount: 100,
        SalesItemLineDetail: { ItemRef: { value: i.Id }, Qty: 1, UnitPrice: 100, ...extra },
      },
    ];
    const refused = await qbo
      .call("createInvoice", { CustomerRef: { value: c.Id }, Line: l({}) })
      .catch((e) => e);
    expect(faultOf(refused)).toMatchObject({ code: "6000", Detail: expect.stringContaining("VAT rate") });
    const inv = await qbo.call<Json>("createInvoice", {
      CustomerRef: { value: c.Id },
      Line: l({ TaxCodeRef: { value: standard.Id } }),
    });
    expect(inv).toMatchObject({
      TotalAmt: 120,
      GlobalTaxCalculation: "TaxExcluded",
      TxnTaxDetail: { TotalTax: 20 },
    });
  });

  it("fixes a customer's currency and makes invoices use it when multicurrency is on", async () => {
    const { qbo } = await h.connect({ name: "Multi", country: "US", multiCurrency: true });
    const income = await firstOf(qbo, "findAccounts", { AccountType: "Income" });
    const eur = await qbo.call<Json>("createCustomer", {
      DisplayName: "Euro GmbH",
      CurrencyRef: { value: "EUR" },
    });
    const i = await qbo.call<Json>("createItem", { Name: "Work", IncomeAccountRef: { value: income.Id } });
    const l = [
      {
        DetailType: "SalesItemLineDetail",
        Amount: 10,
        SalesItemLineDetail: { ItemRef: { value: i.Id }, Qty: 1, UnitPrice: 10 },
      },
    ];
    const wrong = await qbo
      .call("createInvoice", { CustomerRef: { value: eur.Id }, CurrencyRef: { value: "USD" }, Line: l })
      .catch((e) => e);
    expect(faultOf(wrong).code).toBe("6000");
    const inv = await qbo.call<Json>("createInvoice", { CustomerRef: { value: eur.Id }, Line: l });
    expect(inv.CurrencyRef).toMatchObject({ value: "EUR" });
    expect(Number(inv.HomeTotalAmt)).toBeGreaterThan(0);
    const change = await qbo
      .call("updateCustomer", {
        Id: eur.Id,
        SyncToken: eur.SyncToken,
        sparse: true,
        CurrencyRef: { value: "GBP" },
      })
      .catch((e) => e);
    expect(faultOf(change).code).toBe("6000");
  });
});
