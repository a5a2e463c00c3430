import { describe, expect, it } from "vitest";
import { invoiceStatus } from "./status.ts";

describe("the console's invoice status", () => {
  const today = "2026-11-10";
  const invoice = (fields: Record<string, unknown>) => ({
    TotalAmt: 100,
    Balance: 100,
    DueDate: today,
    ...fields,
  });

  it("reads open, partially paid, paid, overdue and voided from the invoice", () => {
    expect(invoiceStatus(invoice({}), today)).toBe("open");
    expect(invoiceStatus(invoice({ Balance: 40 }), today)).toBe("partial");
    expect(invoiceStatus(invoice({ Balance: 0 }), today)).toBe("paid");
    expect(invoiceStatus(invoice({ DueDate: "2026-11-09" }), today)).toBe("overdue");
    expect(invoiceStatus(invoice({ Balance: 40, DueDate: "2026-11-09" }), today)).toBe("overdue");
    expect(invoiceStatus(invoice({ TotalAmt: 0, Balance: 0, PrivateNote: "Voided - late" }), today)).toBe(
      "voided",
    );
  });

  it("does not call a paid invoice overdue, nor a zero invoice paid", () => {
    expect(invoiceStatus(invoice({ Balance: 0, DueDate: "2026-01-01" }), today)).toBe("paid");
    expect(invoiceStatus(invoice({ TotalAmt: 0, Balance: 0 }), today)).toBe("open");
  });
});
