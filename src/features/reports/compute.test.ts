import { describe, expect, it } from "vitest";
import {
  agingBucket,
  daysToPay,
  invoicedVsCollected,
  overdueInvoices,
  receivablesAging,
  revenueBy,
} from "./compute.ts";
import type { InvoiceFact, PaymentFact } from "./facts.ts";

const TODAY = "2026-11-02";
let n = 0;
function invoice(o: Partial<InvoiceFact>): InvoiceFact {
  n += 1;
  return {
    invoiceKey: `conn:${n}`,
    connectionId: "conn",
    companyName: "Co",
    number: String(1000 + n),
    customerName: "Amy",
    currency: "USD",
    totalCents: 10_000,
    balanceCents: 10_000,
    txnDate: "2026-10-01",
    dueDate: "2026-10-31",
    today: TODAY,
    dealId: null,
    ownerId: null,
    ownerName: null,
    pipelineId: null,
    pipelineLabel: null,
    ...o,
  };
}
const pay = (i: InvoiceFact, txnDate: string, cents: number): PaymentFact => ({
  invoiceKey: i.invoiceKey,
  txnDate,
  cents,
});

describe("aging buckets", () => {
  it.each([
    [null, "current"],
    ["2026-11-02", "current"], // due today is not late
    ["2026-11-30", "current"],
    ["2026-11-01", "1-30"],
    ["2026-10-03", "1-30"], // 30 days
    ["2026-10-02", "31-60"], // 31 days
    ["2026-09-03", "31-60"], // 60 days
    ["2026-09-02", "61-90"],
    ["2026-08-04", "61-90"], // 90 days
    ["2026-08-03", "90+"],
  ] as const)("due %s → %s", (dueDate, bucket) => {
    expect(agingBucket({ dueDate, today: TODAY })).toBe(bucket);
  });

  it("ages each invoice against its own company's today", () => {
    expect(agingBucket({ dueDate: "2026-11-01", today: "2026-11-01" })).toBe("current");
  });

  it("sums open balances only, every bucket listed", () => {
    const rows = receivablesAging(
      [
        invoice({ dueDate: "2026-10-31", balanceCents: 2_500 }),
        invoice({ dueDate: "2026-10-20", balanceCents: 1_000 }),
        invoice({ dueDate: "2026-06-01", balanceCents: 0 }), // paid: not a receivable
        invoice({ dueDate: "2026-06-01", balanceCents: 700 }),
      ],
      { currency: "USD" },
    );
    expect(rows).toEqual([
      { bucket: "current", count: 0, openCents: 0 },
      { bucket: "1-30", count: 2, openCents: 3_500 },
      { bucket: "31-60", count: 0, openCents: 0 },
      { bucket: "61-90", count: 0, openCents: 0 },
      { bucket: "90+", count: 1, openCents: 700 },
    ]);
  });
});

describe("invoiced vs collected", () => {
  it("counts invoices by invoice date and payments by payment date, within the range", () => {
    const a = invoice({ txnDate: "2026-08-30", totalCents: 5_000 });
    const b = invoice({ txnDate: "2026-09-02", totalCents: 7_000 });
    const payments = [pay(a, "2026-09-01", 2_000), pay(a, "2026-10-15", 3_000), pay(b, "2026-09-30", 1)];
    expect(invoicedVsCollected([a, b], payments, { currency: "USD" })).toEqual([
      { month: "2026-08", invoicedCents: 5_000, collectedCents: 0 },
      { month: "2026-09", invoicedCents: 7_000, collectedCents: 2_001 },
      { month: "2026-10", invoicedCents: 0, collectedCents: 3_000 },
    ]);
    expect(
      invoicedVsCollected([a, b], payments, { currency: "USD", from: "2026-09-01", to: "2026-09-30" }),
    ).toEqual([{ month: "2026-09", invoicedCents: 7_000, collectedCents: 2_001 }]);
  });
});

describe("overdue, owners and days to pay", () => {
  it("lists overdue invoices longest first", () => {
    const late = invoice({ dueDate: "2026-09-01" });
    const later = invoice({ dueDate: "2026-07-01" });
    const paid = invoice({ dueDate: "2026-07-01", balanceCents: 0 });
    const notYet = invoice({ dueDate: TODAY });
    expect(
      overdueInvoices([late, paid, notYet, later], { currency: "USD" }).map((r) => [
        r.invoice.number,
        r.daysOverdue,
      ]),
    ).toEqual([
      [later.number, 124],
      [late.number, 62],
    ]);
  });

  it("groups by owner, with invoices on no deal apart", () => {
    const aiko = { ownerId: "1", ownerName: "Aiko" };
    const a = invoice({ ...aiko, totalCents: 100, balanceCents: 40 });
    const b = invoice({ ...aiko, totalCents: 200, balanceCents: 0 });
    const none = invoice({ totalCents: 50, balanceCents: 50 });
    const rows = revenueBy("owner", [a, b, none], [pay(a, "2026-10-02", 60), pay(b, "2026-10-03", 200)], {
      currency: "USD",
    });
    expect(rows).toEqual([
      { key: "1", label: "Aiko", invoicedCents: 300, collectedCents: 260, openCents: 40 },
      { key: null, label: null, invoicedCents: 50, collectedCents: 0, openCents: 50 },
    ]);
  });

  it("averages days from invoice date to the last payment, for invoices paid in full with payments seen", () => {
    const a = invoice({ txnDate: "2026-09-01", balanceCents: 0 });
    const b = invoice({ txnDate: "2026-09-10", balanceCents: 0 });
    const partly = invoice({ txnDate: "2026-09-01", balanceCents: 10 });
    const paidUnseen = invoice({ balanceCents: 0 }); // paid before Ledgerlink saw its payments
    const payments = [
      pay(a, "2026-09-05", 5_000),
      pay(a, "2026-09-21", 5_000),
      pay(b, "2026-09-20", 10_000),
      pay(partly, "2026-09-02", 1),
    ];
    const all = daysToPay([a, b, partly, paidUnseen], payments, { currency: "USD" });
    expect(all.rows.map((r) => r.days)).toEqual([10, 20]);
    expect(all.averageDays).toBe(15);
    expect(daysToPay([a, b], payments, { currency: "USD", to: "2026-09-20" }).averageDays).toBe(10);
    expect(daysToPay([partly], payments, { currency: "USD" }).averageDays).toBeNull();
  });
});
