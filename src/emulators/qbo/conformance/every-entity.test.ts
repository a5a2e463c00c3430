import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { faultOf, startQboHarness, type QboClient, type QboHarness } from "./harness.ts";

type Json = Record<string, unknown>;
const rows = (res: Json, entity: string) => ((res.QueryResponse as Json)[entity] ?? []) as Json[];

/** X-QB: each entity's operations through node-quickbooks, and the ones QBO refuses. */
describe("QBO emulator: every entity (X-QB)", () => {
  let h: QboHarness;
  let qbo: QboClient;
  let realmId: string;

  beforeAll(async () => {
    h = await startQboHarness();
    ({ qbo, realmId } = await h.connect({ name: "Entities Ltd", country: "GB", seed: "demo" }));
  });
  afterAll(() => h.close());

  it("Account: create, read, update, query; names are unique", async () => {
    const acc = await qbo.call<Json>("createAccount", { Name: "Consulting Income", AccountType: "Income" });
    expect(acc).toMatchObject({ Classification: "Revenue", CurrencyRef: { value: "GBP" } });
    expect((await qbo.call<Json>("getAccount", acc.Id)).Name).toBe("Consulting Income");
    const upd = await qbo.call<Json>("updateAccount", {
      Id: acc.Id,
      SyncToken: acc.SyncToken,
      Description: "From services",
    });
    expect(upd).toMatchObject({ SyncToken: "1", Description: "From services" });
    expect(rows(await qbo.call<Json>("findAccounts", { Name: "Consulting Income" }), "Account")).toHaveLength(
      1,
    );
    expect(
      faultOf(
        await qbo.call("createAccount", { Name: "Consulting Income", AccountType: "Income" }).catch((e) => e),
      ).code,
    ).toBe("6240");
  });

  it("Term: create standard and date-driven, read, deactivate", async () => {
    const net45 = await qbo.call<Json>("createTerm", { Name: "Net 45", DueDays: 45 });
    expect(net45).toMatchObject({ Type: "STANDARD", Active: true });
    const eom = await qbo.call<Json>("createTerm", {
      Name: "15th next month",
      DayOfMonthDue: 15,
      DueNextMonthDays: 31,
    });
    expect(eom.Type).toBe("DATE_DRIVEN");
    const off = await qbo.call<Json>("updateTerm", {
      Id: net45.Id,
      SyncToken: net45.SyncToken,
      Active: false,
    });
    expect(off.Active).toBe(false);
    expect(rows(await qbo.call<Json>("findTerms", { Name: "Net 45" }), "Term")).toHaveLength(0);
  });

  it("TaxCode and TaxRate: read and query only", async () => {
    const codes = rows(await qbo.call<Json>("findTaxCodes", {}), "TaxCode");
    const code = await qbo.call<Json>("getTaxCode", codes[0]!.Id);
    const rateId = ((code.SalesTaxRateList as Json).TaxRateDetail as Json[])[0]!.TaxRateRef as Json;
    expect(await qbo.call<Json>("getTaxRate", rateId.value)).toMatchObject({
      Id: rateId.value,
      RateValue: 20,
    });
    const res = await fetch(`${h.url}/v3/company/${realmId}/taxcode`, {
      method: "POST",
      headers: { authorization: `Bearer ${String(qbo.raw.token)}`, "content-type": "application/json" },
      body: JSON.stringify({ Name: "Mine" }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Json).Fault).toMatchObject({
      Error: [{ code: "500", Message: "Unsupported Operation" }],
    });
  });

  it("CompanyInfo and Preferences: read, update; custom numbers switch follows", async () => {
    const info = await qbo.call<Json>("getCompanyInfo", realmId);
    expect(info).toMatchObject({
      CompanyName: "Entities Ltd",
      Country: "GB",
      DefaultTimeZone: "Europe/London",
    });
    const renamed = await qbo.call<Json>("updateCompanyInfo", {
      Id: info.Id,
      SyncToken: info.SyncToken,
      CompanyName: "Entities Group Ltd",
    });
    expect(renamed.CompanyName).toBe("Entities Group Ltd");
    const prefs = await qbo.call<Json>("getPreferences");
    expect(prefs).toMatchObject({
      CurrencyPrefs: { HomeCurrency: { value: "GBP" }, MultiCurrencyEnabled: false },
    });
    const on = await qbo.call<Json>("updatePreferences", {
      Id: prefs.Id,
      SyncToken: prefs.SyncToken,
      SalesFormsPrefs: { CustomTxnNumbers: true },
    });
    expect(on.SalesFormsPrefs).toMatchObject({ CustomTxnNumbers: true, AllowEstimates: true });
    await qbo.call("updatePreferences", {
      Id: on.Id,
      SyncToken: on.SyncToken,
      SalesFormsPrefs: { CustomTxnNumbers: false },
    });
  });

  it("Estimate: read, update, send, pdf, delete", async () => {
    const est = rows(await qbo.call<Json>("findEstimates", {}), "Estimate")[0]!;
    const upd = await qbo.call<Json>("updateEstimate", {
      Id: est.Id,
      SyncToken: est.SyncToken,
      PrivateNote: "Follow up",
    });
    expect(upd.PrivateNote).toBe("Follow up");
    const sent = await qbo.call<Json>("sendEstimatePdf", est.Id, "buyer@example.com");
    expect(sent.EmailStatus).toBe("EmailSent");
    expect(Buffer.from(await qbo.call<Buffer>("getEstimatePdf", est.Id)).toString("latin1")).toContain(
      "%PDF-1.4",
    );
    const current = await qbo.call<Json>("getEstimate", est.Id);
    const deleted = await qbo.call<Json>("deleteEstimate", { Id: current.Id, SyncToken: current.SyncToken });
    expect(deleted).toMatchObject({ Estimate: { status: "Deleted" } });
  });

  it("Payment: read, update, void", async () => {
    const payment = rows(await qbo.call<Json>("findPayments", {}), "Payment")[0]!;
    const read = await qbo.call<Json>("getPayment", payment.Id);
    const invoiceId = ((read.Line as Json[])[0]!.LinkedTxn as Json[])[0]!.TxnId;
    const upd = await qbo.call<Json>("updatePayment", {
      Id: read.Id,
      SyncToken: read.SyncToken,
      PaymentRefNum: "CHK-1",
    });
    expect(upd.PaymentRefNum).toBe("CHK-1");
    const before = await qbo.call<Json>("getInvoice", invoiceId);
    const voided = await qbo.call<Json>("voidPayment", { Id: upd.Id, SyncToken: upd.SyncToken });
    expect(voided).toMatchObject({ TotalAmt: 0, PrivateNote: "Voided" });
    const after = await qbo.call<Json>("getInvoice", invoiceId);
    expect(Number(after.Balance)).toBeGreaterThan(Number(before.Balance));
  });

  it("the demo seed holds invoices in every status of S1", async () => {
    const { qbo: fresh } = await h.connect({ name: "Fresh demo", country: "US", seed: "demo" });
    const invoices = rows(await fresh.call<Json>("findInvoices", { fetchAll: true }), "Invoice");
    const today = "2026-05-02";
    const has = (pred: (i: Json) => boolean) => invoices.some(pred);
    expect(has((i) => i.EmailStatus === "NeedToSend")).toBe(true);
    expect(
      has((i) => i.EmailStatus === "EmailSent" && i.Balance === i.TotalAmt && String(i.DueDate) >= today),
    ).toBe(true);
    expect(has((i) => Number(i.Balance) > 0 && Number(i.Balance) < Number(i.TotalAmt))).toBe(true);
    expect(has((i) => i.Balance === 0 && Number(i.TotalAmt) > 0)).toBe(true);
    expect(has((i) => Number(i.Balance) > 0 && String(i.DueDate) < today)).toBe(true);
    expect(has((i) => i.PrivateNote === "Voided")).toBe(true);
  });

  it("answers with the time envelope, an intuit_tid header, and resets to an empty state", async () => {
    const res = await fetch(`${h.url}/v3/company/${realmId}/preferences?minorversion=70`, {
      headers: { authorization: `Bearer ${String(qbo.raw.token)}` },
    });
    expect(res.headers.get("intuit_tid")).toBeTruthy();
    expect(((await res.json()) as Json).time).toMatch(/^2026-05-02T18:00:00\.000\+01:00$/);
    await h.control("/reset", {});
    expect((await h.control("/companies")).body.companies).toEqual([]);
    expect(((await h.control("/apps")).body.apps as Json[]).map((a) => a.clientId)).toEqual([
      "ledgerlink-dev",
    ]);
  });
});
