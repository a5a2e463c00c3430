import { describe, expect, it } from "vitest";
import { parseCompanyProfile, parsePreferences } from "./company.ts";
import { cdcRows, entityOf, queryRows } from "./envelope.ts";

describe("QBO company wire", () => {
  it("maps CompanyInfo and Preferences", () => {
    const info = parseCompanyProfile({
      Id: "1",
      CompanyName: "Sandbox Company_US_1",
      LegalName: "Sandbox Company_US_1",
      Country: "US",
      DefaultTimeZone: "America/Los_Angeles",
      Email: { Address: "noreply@quickbooks.com" },
    });
    expect(info.ok && info.value).toEqual({
      companyName: "Sandbox Company_US_1",
      legalName: "Sandbox Company_US_1",
      country: "US",
      timeZone: "America/Los_Angeles",
      email: "noreply@quickbooks.com",
    });
    const prefs = parsePreferences({
      SalesFormsPrefs: { CustomTxnNumbers: false, DefaultTerms: { value: "3" } },
      CurrencyPrefs: { MultiCurrencyEnabled: true, HomeCurrency: { value: "gbp" } },
      TaxPrefs: { UsingSalesTax: true },
    });
    expect(prefs.ok && prefs.value).toEqual({
      customTxnNumbers: false,
      multiCurrency: true,
      homeCurrency: "GBP",
      usingSalesTax: true,
      defaultTermId: "3",
    });
    expect(parseCompanyProfile({ CompanyName: "" }).ok).toBe(false);
  });
});

describe("QBO envelopes", () => {
  it("reads query rows, absent keys as none, and refuses a non-list", () => {
    const body = { QueryResponse: { Customer: [{ Id: "1" }], startPosition: 1, maxResults: 1 }, time: "t" };
    expect(queryRows(body, "Customer")).toEqual({ ok: true, value: [{ Id: "1" }] });
    expect(queryRows({ QueryResponse: {}, time: "t" }, "Invoice")).toEqual({ ok: true, value: [] });
    expect(queryRows({ QueryResponse: { Invoice: 3 }, time: "t" }, "Invoice").ok).toBe(false);
    expect(queryRows({ Fault: {} }, "Invoice").ok).toBe(false);
  });

  it("unwraps a read and merges CDC blocks", () => {
    expect(entityOf({ Invoice: { Id: "1" }, time: "t" }, "Invoice")).toEqual({
      ok: true,
      value: { Id: "1" },
    });
    expect(entityOf({ Customer: { Id: "1" } }, "Invoice").ok).toBe(false);
    const cdc = cdcRows({
      CDCResponse: [
        { QueryResponse: [{ Invoice: [{ Id: "1" }] }, { Payment: [{ Id: "2" }], startPosition: 1 }] },
      ],
      time: "2026-05-02T10:00:00-07:00",
    });
    expect(cdc.ok && cdc.value.byEntity).toEqual({ Invoice: [{ Id: "1" }], Payment: [{ Id: "2" }] });
  });
});
