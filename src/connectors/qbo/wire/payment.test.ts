import { describe, expect, it } from "vitest";
import { parsePayment } from "./payment.ts";

// Shaped like Intuit's Payment example (https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/payment).
const payment = {
  SyncToken: "0",
  domain: "QBO",
  DepositToAccountRef: { value: "4" },
  UnappliedAmt: 10.0,
  TxnDate: "2015-07-13",
  TotalAmt: 65.0,
  ProcessPayment: false,
  sparse: false,
  Line: [
    { Amount: 30.0, LinkedTxn: [{ TxnId: "67", TxnType: "Invoice" }] },
    { Amount: 20.0, LinkedTxn: [{ TxnId: "67", TxnType: "Invoice" }] },
    { Amount: 5.0, LinkedTxn: [{ TxnId: "70", TxnType: "CreditMemo" }] },
  ],
  CustomerRef: { name: "Red Rock Diner", value: "20" },
  Id: "163",
  MetaData: { CreateTime: "2015-07-13T11:35:08-07:00", LastUpdatedTime: "2015-07-13T11:35:08-07:00" },
};

describe("QBO payment wire", () => {
  it("sums what each line applies to an invoice and leaves other links out", () => {
    const r = parsePayment(payment);
    expect(r.ok && r.value).toEqual({
      id: "163",
      customerId: "20",
      txnDate: "2015-07-13",
      totalAmt: 65,
      unappliedAmt: 10,
      applied: [{ invoiceId: "67", amount: 50 }],
      updatedAt: new Date("2015-07-13T18:35:08Z"),
    });
  });

  it("needs a TxnDate and a readable LastUpdatedTime", () => {
    expect(parsePayment({ ...payment, TxnDate: undefined }).ok).toBe(false);
    const r = parsePayment({ ...payment, MetaData: { LastUpdatedTime: "yesterday" } });
    expect(!r.ok && r.error.path).toBe("MetaData.LastUpdatedTime");
  });

  it("reads numeric TxnIds and decimal strings", () => {
    const r = parsePayment({
      ...payment,
      Line: [
        { Amount: "0.1", LinkedTxn: [{ TxnId: 67, TxnType: "Invoice" }] },
        { Amount: "0.2", LinkedTxn: [{ TxnId: "67", TxnType: "Invoice" }] },
      ],
    });
    expect(r.ok && r.value.applied).toEqual([{ invoiceId: "67", amount: 0.3 }]);
  });
});
