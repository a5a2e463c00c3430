import { describe, expect, it } from "vitest";
import { CLEARED, currencyMismatch, dealInvoiceProperties, type DealInvoice } from "./deal-properties.ts";

const inv = (n: string, minutes: number, extra: Partial<DealInvoice> = {}): DealInvoice => ({
  number: n,
  recipient: "Acme Ltd",
  amount: 1200,
  currency: "USD",
  dueDate: "2026-06-30",
  state: "sent",
  updatedAt: new Date(Date.UTC(2026, 5, 1, 0, minutes)),
  ...extra,
});

describe("deal properties from invoices (S2–S4, S1 voided)", () => {
  it("writes the five properties of the only invoice", () => {
    expect(dealInvoiceProperties([inv("1001", 0)], "USD")).toEqual({
      qbo_invoice_amount: "1200.00",
      qbo_invoice_recipient: "Acme Ltd",
      qbo_invoice_number: "1001",
      qbo_invoice_status: "sent",
      qbo_invoice_due_date: "2026-06-30",
    });
  });

  it("shows the most recently updated of several (S3)", () => {
    const props = dealInvoiceProperties(
      [inv("1001", 5), inv("1002", 9, { state: "paid" }), inv("1003", 1)],
      "USD",
    );
    expect(props?.qbo_invoice_number).toBe("1002");
    expect(props?.qbo_invoice_status).toBe("paid");
  });

  it("a voided invoice stops driving the deal; the next most recent takes over", () => {
    const props = dealInvoiceProperties([inv("1001", 1), inv("1002", 9, { state: "voided" })], "USD");
    expect(props?.qbo_invoice_number).toBe("1001");
  });

  it("with none left, the properties are cleared", () => {
    expect(dealInvoiceProperties([inv("1002", 9, { state: "voided" })], "USD")).toEqual(CLEARED);
    expect(dealInvoiceProperties([], "USD")).toEqual(CLEARED);
  });

  it("does not write an invoice in another currency (S4)", () => {
    expect(dealInvoiceProperties([inv("1001", 1, { currency: "GBP" })], "USD")).toBeUndefined();
  });
});

describe("the currency notice (S4 told)", () => {
  it("names both currencies when the invoice driving the deal is in another currency", () => {
    expect(currencyMismatch([inv("1001", 0, { currency: "gbp" })], "USD")).toEqual({
      invoiceCurrency: "GBP",
      portalCurrency: "USD",
    });
  });

  it("says nothing when the latest live invoice is in the account's currency, or there is none", () => {
    expect(currencyMismatch([inv("1001", 0, { currency: "GBP" }), inv("1002", 5)], "USD")).toBeUndefined();
    expect(currencyMismatch([], "USD")).toBeUndefined();
  });

  it("looks past a voided invoice, as the properties do", () => {
    const invoices = [inv("1001", 0, { currency: "GBP" }), inv("1002", 5, { state: "voided" })];
    expect(currencyMismatch(invoices, "USD")?.invoiceCurrency).toBe("GBP");
  });
});
