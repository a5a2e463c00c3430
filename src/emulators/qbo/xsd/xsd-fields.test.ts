import { describe, expect, it } from "vitest";
import { unknownFields, xsdFieldsOf } from "./xsd-fields.ts";

describe("XSD field lists (X-QB)", () => {
  it("includes inherited fields and attributes", () => {
    const invoice = xsdFieldsOf("Invoice");
    for (const f of [
      "Id",
      "SyncToken",
      "MetaData",
      "domain",
      "sparse",
      "DocNumber",
      "Line",
      "CustomerRef",
      "Balance",
      "EmailStatus",
    ]) {
      expect(invoice.has(f), f).toBe(true);
    }
    expect([...xsdFieldsOf("ReferenceType").keys()].sort()).toEqual(["name", "type", "value"]);
  });

  it("accepts Intuit's own sample and names the invented field", () => {
    const sample = {
      Id: "130",
      SyncToken: "0",
      domain: "QBO",
      sparse: false,
      DocNumber: "1037",
      TxnDate: "2014-09-19",
      CustomerRef: { value: "24", name: "Sonnenschein Family Store" },
      BillEmail: { Address: "Familiystore@intuit.com" },
      Line: [
        {
          Id: "1",
          LineNum: 1,
          Amount: 275,
          DetailType: "SalesItemLineDetail",
          SalesItemLineDetail: {
            ItemRef: { value: "5" },
            UnitPrice: 275,
            Qty: 1,
            TaxCodeRef: { value: "TAX" },
          },
        },
      ],
      TxnTaxDetail: {
        TotalTax: 26.82,
        TaxLine: [
          {
            Amount: 26.82,
            DetailType: "TaxLineDetail",
            TaxLineDetail: { TaxRateRef: { value: "3" }, PercentBased: true },
          },
        ],
      },
      MetaData: { CreateTime: "2014-09-19T13:16:17-07:00", LastUpdatedTime: "2014-09-19T13:16:17-07:00" },
    };
    expect(unknownFields("Invoice", sample)).toEqual([]);
    expect(unknownFields("Invoice", { ...sample, Line: [{ Amount: 1, Colour: "red" }] })).toEqual([
      "Invoice.Line[0].Colour",
    ]);
  });

  it("reports fields put under a simple-typed field, and leaves xs:any content open", () => {
    expect(unknownFields("Invoice", { DocNumber: { Prefix: "INV" }, TotalAmt: [{ Tax: 1 }] })).toEqual([
      "Invoice.DocNumber.Prefix",
      "Invoice.TotalAmt[0].Tax",
    ]);
    expect(unknownFields("Invoice", { CustomerRef: { value: "1", name: "A", id: "1" } })).toEqual([
      "Invoice.CustomerRef.id",
    ]);
    // Payment lines carry a JAXB artifact under LineEx (IntuitAnyType, xs:any): not checked.
    const lineEx = { any: [{ name: "{http://schema.intuit.com/finance/v3}NameValue", nil: false }] };
    expect(unknownFields("Payment", { Line: [{ Amount: 1, LineEx: lineEx }] })).toEqual([]);
  });
});
