import { describe, expect, it } from "vitest";
import { parseChange } from "./envelope.ts";
import { parseEstimate } from "./estimate.ts";
import { invoiceBody, parseInvoice } from "./invoice.ts";

// Shaped like Intuit's Invoice example (https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/invoice).
const invoice130 = {
  TxnDate: "2014-09-19",
  domain: "QBO",
  PrintStatus: "NeedToPrint",
  SalesTermRef: { value: "3" },
  TotalAmt: 362.07,
  Line: [
    {
      Description: "Rock Fountain",
      DetailType: "SalesItemLineDetail",
      SalesItemLineDetail: {
        TaxCodeRef: { value: "TAX" },
        Qty: 1,
        UnitPrice: 275,
        ItemRef: { name: "Rock Fountain", value: "5" },
      },
      LineNum: 1,
      Amount: 275.0,
      Id: "1",
    },
    {
      DetailType: "SalesItemLineDetail",
      SalesItemLineDetail: { ItemRef: { name: "Fountain Pump", value: "11" }, Qty: 1, UnitPrice: 12.75 },
      LineNum: 2,
      Amount: 12.75,
      Id: "2",
    },
    { DetailType: "SubTotalLineDetail", Amount: 335.25, SubTotalLineDetail: {} },
    { DetailType: "DiscountLineDetail", Amount: 10.0, DiscountLineDetail: { PercentBased: false } },
  ],
  DueDate: "2014-10-19",
  ApplyTaxAfterDiscount: false,
  DocNumber: "1037",
  sparse: false,
  CustomerMemo: { value: "Thank you for your business and have a great day!" },
  Deposit: 0,
  Balance: 362.07,
  CustomerRef: { name: "Sonnenschein Family Store", value: "24" },
  TxnTaxDetail: { TotalTax: 26.82 },
  SyncToken: "0",
  LinkedTxn: [{ TxnId: "100", TxnType: "Estimate" }],
  BillEmail: { Address: "Familiystore@intuit.com" },
  EmailStatus: "NotSet",
  Id: "130",
  MetaData: { CreateTime: "2014-09-19T13:16:17-07:00", LastUpdatedTime: "2014-09-19T13:16:17-07:00" },
};

describe("QBO invoice wire", () => {
  it("maps a documented invoice, keeping only item lines", () => {
    const r = parseInvoice(invoice130);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      id: "130",
      docNumber: "1037",
      customer: { id: "24", name: "Sonnenschein Family Store" },
      txnDate: "2014-09-19",
      dueDate: "2014-10-19",
      totalAmt: 362.07,
      balance: 362.07,
      totalTax: 26.82,
      emailStatus: "NotSet",
      printStatus: "NeedToPrint",
      billEmail: "Familiystore@intuit.com",
      customerMemo: "Thank you for your business and have a great day!",
      termId: "3",
      updatedAt: new Date("2014-09-19T20:16:17Z"),
    });
    expect(r.value.currency).toBeUndefined();
    expect(r.value.lines).toEqual([
      {
        id: "1",
        lineNum: 1,
        itemId: "5",
        itemName: "Rock Fountain",
        description: "Rock Fountain",
        quantity: 1,
        unitPrice: 275,
        amount: 275,
        taxCodeId: "TAX",
      },
      {
        id: "2",
        lineNum: 2,
        itemId: "11",
        itemName: "Fountain Pump",
        quantity: 1,
        unitPrice: 12.75,
        amount: 12.75,
      },
    ]);
  });

  it("is strict about what the status depends on", () => {
    const noBalance = parseInvoice({ ...invoice130, Balance: undefined });
    expect(!noBalance.ok && noBalance.error.path).toBe("Balance");
    const badDue = parseInvoice({ ...invoice130, DueDate: "19/10/2014" });
    expect(!badDue.ok && badDue.error.path).toBe("DueDate");
    const noCustomer = parseInvoice({ ...invoice130, CustomerRef: {} });
    expect(!noCustomer.ok && noCustomer.error.path).toBe("CustomerRef.value");
  });

  it("reads a CDC tombstone as deleted", () => {
    const change = parseChange(parseInvoice);
    const r = change({
      Id: "130",
      status: "Deleted",
      domain: "QBO",
      MetaData: { LastUpdatedTime: "2015-12-01T10:00:00-08:00" },
    });
    expect(r).toEqual({
      ok: true,
      value: { id: "130", deleted: true, updatedAt: new Date("2015-12-01T18:00:00Z") },
    });
    expect(change(invoice130).ok && "lines" in (change(invoice130) as { value: object }).value).toBe(true);
  });

  it("builds the create body: Amount = Qty × UnitPrice to the cent, unsent, numbered by QBO", () => {
    const body = invoiceBody({
      customerId: "24",
      txnDate: "2026-05-02",
      dueDate: "2026-06-01",
      termId: "3",
      customerMemo: "Thanks",
      lines: [
        {
          itemId: "5",
          itemName: "Rock Fountain",
          description: "Fountain",
          quantity: 3,
          unitPrice: 0.1,
          taxCodeId: "2",
        },
        { itemId: "11", quantity: 1, unitPrice: 12.75 },
      ],
    });
    expect(body).toEqual({
      CustomerRef: { value: "24" },
      TxnDate: "2026-05-02",
      DueDate: "2026-06-01",
      SalesTermRef: { value: "3" },
      CustomerMemo: { value: "Thanks" },
      EmailStatus: "NotSet",
      Line: [
        {
          LineNum: 1,
          DetailType: "SalesItemLineDetail",
          Amount: 0.3,
          Description: "Fountain",
          SalesItemLineDetail: {
            ItemRef: { value: "5", name: "Rock Fountain" },
            Qty: 3,
            UnitPrice: 0.1,
            TaxCodeRef: { value: "2" },
          },
        },
        {
          LineNum: 2,
          DetailType: "SalesItemLineDetail",
          Amount: 12.75,
          SalesItemLineDetail: { ItemRef: { value: "11" }, Qty: 1, UnitPrice: 12.75 },
        },
      ],
    });
  });
});

describe("QBO estimate wire", () => {
  it("maps an estimate with its status and expiry", () => {
    const r = parseEstimate({
      ...invoice130,
      Id: "100",
      Balance: undefined,
      TxnStatus: "Accepted",
      ExpirationDate: "2014-10-19",
      CurrencyRef: { value: "usd" },
    });
    expect(r.ok && r.value).toMatchObject({
      id: "100",
      status: "Accepted",
      expirationDate: "2014-10-19",
      currency: "USD",
    });
    expect(r.ok && r.value.lines).toHaveLength(2);
  });
});
