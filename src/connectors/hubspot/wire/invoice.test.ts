import { describe, expect, it } from "vitest";
import { invoiceObjectProperties, invoiceStatusProperties, parseHubSpotInvoice } from "./invoice.ts";

describe("HubSpot invoice object wire", () => {
  it("maps HubSpot's invoice object and our QBO link", () => {
    const r = parseHubSpotInvoice({
      id: "100004",
      properties: {
        hs_amount_billed: "480.00",
        hs_amount_paid: "0",
        hs_balance_due: "480.00",
        hs_currency: "GBP",
        hs_due_date: "2026-04-01",
        hs_invoice_date: "2026-03-02",
        hs_invoice_status: "open",
        hs_number: "INV-1001",
        qbo_invoice_key: "9130:101",
        qbo_invoice_id: "101",
      },
    });
    expect(r.ok && r.value).toEqual({
      id: "100004",
      archived: false,
      status: "open",
      number: "INV-1001",
      currency: "GBP",
      invoiceDate: "2026-03-02",
      dueDate: "2026-04-01",
      amountBilled: 480,
      amountPaid: 0,
      balanceDue: 480,
      qboInvoiceKey: "9130:101",
      qboInvoiceId: "101",
    });
  });

  it("builds the mirror's HubSpot fields and status steps", () => {
    expect(
      invoiceObjectProperties({ title: "Acme #1001", currency: "USD", invoiceDate: "2026-03-02" }),
    ).toEqual({
      hs_title: "Acme #1001",
      hs_currency: "USD",
      hs_invoice_date: "2026-03-02",
    });
    expect(invoiceStatusProperties("paid", 480)).toEqual({
      hs_invoice_status: "paid",
      hs_amount_paid: "480.00",
    });
    expect(invoiceStatusProperties("voided", 480)).toEqual({ hs_invoice_status: "voided" });
  });
});
