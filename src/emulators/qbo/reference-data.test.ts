import { describe, expect, it } from "vitest";
import { refValue, type Entity } from "./entities.ts";
import { referenceData } from "./reference-data.ts";
import { unknownFields } from "./xsd/xsd-fields.ts";

/** A country per tax model: US pseudo-codes, three VAT/GST locales and the generic fallback. */
const COMPANIES = [
  { country: "US", homeCurrency: "USD" },
  { country: "GB", homeCurrency: "GBP" },
  { country: "CA", homeCurrency: "CAD" },
  { country: "AU", homeCurrency: "AUD" },
  { country: "FR", homeCurrency: "EUR" },
];

const LISTS = [
  ["accounts", "Account"],
  ["terms", "Term"],
  ["taxCodes", "TaxCode"],
  ["taxRates", "TaxRate"],
  ["taxAgencies", "TaxAgency"],
] as const;

function rateDetails(code: Entity): Entity[] {
  const list = code.SalesTaxRateList as { TaxRateDetail?: Entity[] } | undefined;
  return list?.TaxRateDetail ?? [];
}

describe.each(COMPANIES)("reference data for $country", (opts) => {
  const data = referenceData(opts);

  it.each(LISTS)("%s: numeric ids from 1, unique, active, without what the store adds", (list) => {
    const rows = data[list];
    const ids = rows.map((r) => r.Id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[1-9]\d*$/);
    if (rows.length > 0) expect(ids).toContain("1");
    for (const row of rows) {
      expect(row.Active).toBe(true);
      for (const added of ["SyncToken", "MetaData", "domain", "sparse"])
        expect(row).not.toHaveProperty(added);
    }
  });

  it.each(LISTS)("%s: only field names of Intuit's XSD (%s)", (list, entity) => {
    for (const row of data[list]) expect(unknownFields(entity, row)).toEqual([]);
  });

  it("names are unique per list, as QBO requires (6240)", () => {
    for (const [list] of LISTS) {
      const names = data[list].map((r) => String(r.Name ?? r.DisplayName).toLowerCase());
      expect(new Set(names).size, list).toBe(names.length);
    }
  });

  it("has the accounts items, invoices and payments post to, in the home currency", () => {
    const bySubType = (sub: string) => data.accounts.filter((a) => a.AccountSubType === sub);
    expect(bySubType("ServiceFeeIncome")[0]?.AccountType).toBe("Income");
    expect(bySubType("SalesOfProductIncome")[0]?.AccountType).toBe("Income");
    expect(data.accounts.filter((a) => a.AccountType === "Accounts Receivable")).toHaveLength(1);
    expect(bySubType("UndepositedFunds")).toHaveLength(1);
    expect(data.accounts.some((a) => a.AccountType === "Bank")).toBe(true);
    expect(data.accounts.some((a) => a.AccountType === "Cost of Goods Sold")).toBe(true);
    for (const account of data.accounts) {
      expect(refValue(account.CurrencyRef)).toBe(opts.homeCurrency);
      expect(account.FullyQualifiedName).toBe(account.Name);
      expect(account.CurrentBalance).toBe(0);
    }
  });

  it("classifies each account as its type implies (docs/vendors/quickbooks.md §3.10)", () => {
    const classification: Record<string, string> = {
      Income: "Revenue",
      "Other Income": "Revenue",
      "Accounts Receivable": "Asset",
      Bank: "Asset",
      "Other Current Asset": "Asset",
      "Cost of Goods Sold": "Expense",
      Expense: "Expense",
      "Other Current Liability": "Liability",
    };
    for (const account of data.accounts) {
      expect(classification[String(account.AccountType)], String(account.Name)).toBe(account.Classification);
    }
  });

  it("has QBO's default terms with Intuit's ids, and one date-driven term", () => {
    const standard = data.terms.filter((t) => t.Type === "STANDARD");
    expect(standard.map((t) => [t.Id, t.Name, t.DueDays])).toEqual([
      ["1", "Due on receipt", 0],
      ["2", "Net 15", 15],
      ["3", "Net 30", 30],
      ["4", "Net 60", 60],
    ]);
    const dateDriven = data.terms.filter((t) => t.Type === "DATE_DRIVEN");
    expect(dateDriven.length).toBeGreaterThan(0);
    for (const term of dateDriven) {
      expect(term).not.toHaveProperty("DueDays");
      expect(Number(term.DayOfMonthDue)).toBeGreaterThanOrEqual(1);
      expect(Number(term.DayOfMonthDue)).toBeLessThanOrEqual(31);
    }
  });

  it("every TaxRateRef resolves to a rate of the same company, under that rate's name", () => {
    const rates = new Map(data.taxRates.map((r) => [r.Id, r]));
    for (const code of data.taxCodes) {
      const purchase = code.PurchaseTaxRateList as { TaxRateDetail?: Entity[] } | undefined;
      for (const detail of [...rateDetails(code), ...(purchase?.TaxRateDetail ?? [])]) {
        const rate = rates.get(refValue(detail.TaxRateRef));
        expect(rate, `${String(code.Name)} → ${JSON.stringify(detail.TaxRateRef)}`).toBeDefined();
        const name = (detail.TaxRateRef as { name?: unknown }).name;
        if (name !== undefined) expect(name).toBe(rate?.Name);
      }
    }
  });

  it("every rate's AgencyRef resolves to one of the company's tax agencies", () => {
    const agencies = new Set(data.taxAgencies.map((a) => a.Id));
    for (const rate of data.taxRates)
      expect(agencies.has(refValue(rate.AgencyRef)), String(rate.Name)).toBe(true);
  });

  it("every tax code can be used on a sale, taxable ones at a positive rate (§11.2)", () => {
    const rates = new Map(data.taxRates.map((r) => [r.Id, r]));
    for (const code of data.taxCodes) {
      const details = rateDetails(code);
      expect(details.length, String(code.Name)).toBeGreaterThan(0);
      const total = details.reduce((sum, d) => sum + Number(rates.get(refValue(d.TaxRateRef))?.RateValue), 0);
      expect(Number.isFinite(total)).toBe(true);
      if (total > 0) expect(code.Taxable, String(code.Name)).toBe(true);
    }
    for (const rate of data.taxRates) {
      expect(Number(rate.RateValue)).toBeGreaterThanOrEqual(0);
      expect(Number(rate.RateValue)).toBeLessThan(30);
      const history = rate.EffectiveTaxRate as Entity[] | undefined;
      if (history?.length) expect(history.at(-1)?.RateValue).toBe(rate.RateValue);
    }
  });
});

describe("tax models per country (X-QB)", () => {
  const names = (country: string, homeCurrency: string) =>
    referenceData({ country, homeCurrency }).taxCodes.map((c) => c.Name);
  const percents = (country: string, homeCurrency: string) =>
    referenceData({ country, homeCurrency })
      .taxRates.map((r) => Number(r.RateValue))
      .sort((a, b) => a - b);

  it("US companies have no TaxCode or TaxRate entities: lines use the TAX/NON pseudo-codes (§11.3)", () => {
    const us = referenceData({ country: "US", homeCurrency: "USD" });
    expect(us.taxCodes).toEqual([]);
    expect(us.taxRates).toEqual([]);
    expect(us.accounts.some((a) => a.AccountSubType === "GlobalTaxPayable")).toBe(false);
  });

  it("GB has QBO UK's VAT codes (§3.6, §11.2)", () => {
    expect(names("GB", "GBP")).toEqual(["20.0% S", "5.0% R", "0.0% Z", "Exempt", "No VAT"]);
    expect(percents("GB", "GBP")).toEqual(expect.arrayContaining([0, 5, 20]));
  });

  it("CA has GST and HST, AU has GST 10% and GST free, others a standard and a zero rate", () => {
    expect(names("CA", "CAD")).toEqual(expect.arrayContaining(["GST", "HST ON", "GST/PST BC", "PST BC"]));
    expect(percents("CA", "CAD")).toEqual(expect.arrayContaining([0, 5, 7, 13]));
    expect(names("AU", "AUD")).toEqual(expect.arrayContaining(["GST", "GST free"]));
    expect(percents("AU", "AUD")).toEqual(expect.arrayContaining([0, 10]));
    const other = percents("FR", "EUR");
    expect(other[0]).toBe(0);
    expect(other.at(-1)).toBeGreaterThan(0);
  });

  it("a Canadian GST/PST code is a group of two rates, each taxed on the amount", () => {
    const ca = referenceData({ country: "CA", homeCurrency: "CAD" });
    const code = ca.taxCodes.find((c) => c.Name === "GST/PST BC");
    expect(code?.TaxGroup).toBe(true);
    const rates = rateDetails(code ?? {}).map((d) =>
      ca.taxRates.find((r) => r.Id === refValue(d.TaxRateRef)),
    );
    expect(rates.map((r) => [r?.Name, r?.RateValue])).toEqual([
      ["GST", 5],
      ["PST BC", 7],
    ]);
    expect(ca.taxCodes.filter((c) => c.TaxGroup === true)).toHaveLength(1);
  });

  it("non-US companies have a tax liability account; the data does not depend on anything but its input", () => {
    for (const [country, currency] of [
      ["GB", "GBP"],
      ["CA", "CAD"],
      ["AU", "AUD"],
      ["DE", "EUR"],
    ] as const) {
      const data = referenceData({ country, homeCurrency: currency });
      expect(
        data.accounts.some((a) => a.Classification === "Liability"),
        country,
      ).toBe(true);
      expect(referenceData({ country, homeCurrency: currency })).toEqual(data);
    }
  });
});
