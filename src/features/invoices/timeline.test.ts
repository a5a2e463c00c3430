import { describe, expect, it } from "vitest";
import { timelineEventId, timelineInvoiceUrl, timelineKindsOf } from "./timeline.ts";

describe("invoice timeline events (ADR 0038)", () => {
  it("makes 'created' of a first sighting (and 'sent' when QuickBooks already sent it), one event per later transition", () => {
    expect(timelineKindsOf(undefined, "awaiting_send")).toEqual(["created"]);
    expect(timelineKindsOf(undefined, "sent")).toEqual(["created", "sent"]);
    expect(timelineKindsOf(undefined, "paid")).toEqual(["created"]);
    expect(timelineKindsOf("awaiting_send", "sent")).toEqual(["sent"]);
    expect(timelineKindsOf("partially_paid", "paid")).toEqual(["paid"]);
    expect(timelineKindsOf("sent", "overdue")).toEqual(["overdue"]);
    // A payment is its own event (the payment rule), not a state event; no event for staying or voiding.
    expect(timelineKindsOf("sent", "partially_paid")).toEqual([]);
    expect(timelineKindsOf("paid", "paid")).toEqual([]);
    expect(timelineKindsOf("sent", "voided")).toEqual([]);
  });

  it("gives the same facts the same event id, and each payment its own", () => {
    const at = "2026-11-02T17:00:00.000Z";
    expect(timelineEventId("9130", "42", { invoiceKey: "c:42", kind: "paid", at })).toBe(
      "ledgerlink-9130-42-paid",
    );
    const payment = (id: string) => ({
      invoiceKey: "c:42",
      kind: "payment" as const,
      at,
      payment: { id, amount: "1.00", date: "2026-11-02" },
    });
    expect(timelineEventId("9130", "42", payment("7"))).toBe("ledgerlink-9130-42-payment-7");
    expect(timelineEventId("9130", "42", payment("8"))).not.toBe(timelineEventId("9130", "42", payment("7")));
  });

  it("links to the invoice in QuickBooks, in the sandbox for a sandbox API, or on the emulator's console", () => {
    expect(timelineInvoiceUrl("https://quickbooks.api.intuit.com", "9130", "42")).toBe(
      "https://app.qbo.intuit.com/app/invoice?txnId=42",
    );
    expect(timelineInvoiceUrl("https://sandbox-quickbooks.api.intuit.com", "9130", "42")).toBe(
      "https://app.sandbox.qbo.intuit.com/app/invoice?txnId=42",
    );
    expect(timelineInvoiceUrl("http://127.0.0.1:3002/", "9130", "42")).toBe(
      "http://127.0.0.1:3002/companies/9130/invoices/42",
    );
  });
});
