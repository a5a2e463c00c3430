import { describe, expect, it } from "vitest";
import { invoiceStatus, type InvoiceFacts } from "./status.ts";

const base: InvoiceFacts = { dueDate: "2026-05-31", totalAmt: 100, balance: 100, emailStatus: "NotSet" };
const noon = new Date("2026-05-20T12:00:00Z");

describe("invoice status (S1)", () => {
  it.each<[string, Partial<InvoiceFacts>, string]>([
    ["a new unsent invoice awaits sending", {}, "awaiting_send"],
    ["queued in QBO is not sent yet", { emailStatus: "NeedToSend" }, "awaiting_send"],
    ["emailed", { emailStatus: "EmailSent" }, "sent"],
    ["printed counts as marked sent", { printStatus: "PrintComplete" }, "sent"],
    ["part paid", { balance: 40, emailStatus: "EmailSent" }, "partially_paid"],
    ["paid in full", { balance: 0, emailStatus: "EmailSent" }, "paid"],
    ["a zero invoice is not 'paid'", { totalAmt: 0, balance: 0 }, "awaiting_send"],
    ["overdue wins over partial payment", { dueDate: "2026-05-19", balance: 40 }, "overdue"],
    ["a paid invoice past its due date is paid, not overdue", { dueDate: "2026-05-01", balance: 0 }, "paid"],
    ["voided (zeroed, PrivateNote Voided)", { totalAmt: 0, balance: 0, privateNote: "Voided" }, "voided"],
    ["deleted", { deleted: true }, "voided"],
    ["float noise is not a balance", { totalAmt: 0.3, balance: 0.1 + 0.2 - 0.3 }, "paid"],
  ])("%s", (_name, facts, expected) => {
    expect(invoiceStatus({ ...base, ...facts }, noon, "UTC")).toBe(expected);
  });

  it("turns overdue at midnight in the company's time zone, not the server's", () => {
    const facts = { ...base, dueDate: "2026-05-31" };
    // 2026-06-01 00:30 in Tokyo is still 2026-05-31 in UTC and in Los Angeles.
    const at = new Date("2026-05-31T15:30:00Z");
    expect(invoiceStatus(facts, at, "Asia/Tokyo")).toBe("overdue");
    expect(invoiceStatus(facts, at, "UTC")).toBe("awaiting_send");
    expect(invoiceStatus(facts, at, "America/Los_Angeles")).toBe("awaiting_send");
  });
});
