import { describe, expect, it } from "vitest";
import { itemBody, parseItem, parseItems } from "./item.ts";
import { parseTaxCodes } from "./tax-code.ts";
import { parseTerm, parseTerms } from "./term.ts";

// Shaped like Intuit's Item example (https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/item).
const gardening = {
  FullyQualifiedName: "Gardening",
  domain: "QBO",
  Id: "6",
  Name: "Gardening",
  TrackQtyOnHand: false,
  Type: "Service",
  Active: true,
  SyncToken: "0",
  Sku: "GARD-1",
  UnitPrice: 35,
  Description: "Weekly Gardening Service",
  Taxable: false,
  IncomeAccountRef: { name: "Landscaping Services", value: "45" },
  SalesTaxCodeRef: { value: "2", name: "20.0% S" },
  MetaData: { CreateTime: "2015-07-24T10:33:39-07:00", LastUpdatedTime: "2015-07-24T10:33:39-07:00" },
};

describe("QBO item wire", () => {
  it("maps a service item", () => {
    const r = parseItem(gardening);
    expect(r.ok && r.value).toEqual({
      id: "6",
      syncToken: "0",
      name: "Gardening",
      type: "Service",
      sellable: true,
      sku: "GARD-1",
      unitPrice: 35,
      description: "Weekly Gardening Service",
      taxCodeId: "2",
      taxable: false,
      active: true,
      incomeAccountId: "45",
      updatedAt: new Date("2015-07-24T17:33:39Z"),
    });
  });

  it("marks categories and bundles unsellable; reads a decimal string price", () => {
    const r = parseItems([
      { Id: "9", Name: "Services", Type: "Category" },
      { Id: "10", Name: "Kit", Type: "Group" },
      { Id: "11", Name: "Hours", UnitPrice: "27.50" },
    ]);
    expect(r.ok && r.value.map((i) => [i.sellable, i.unitPrice])).toEqual([
      [false, 0],
      [false, 0],
      [true, 27.5],
    ]);
  });

  it("refuses a price that is not a number", () => {
    const r = parseItem({ ...gardening, UnitPrice: "thirty" });
    expect(!r.ok && r.error.path).toBe("UnitPrice");
  });

  it("builds a Service item body", () => {
    expect(itemBody({ name: "Design", incomeAccountId: "1", unitPrice: 75, sku: "DES" })).toEqual({
      Name: "Design",
      Type: "Service",
      IncomeAccountRef: { value: "1" },
      Sku: "DES",
      UnitPrice: 75,
    });
  });
});

describe("QBO term and tax code wire", () => {
  it("maps standard and date-driven terms", () => {
    const r = parseTerms([
      { Id: "3", Name: "Net 30", Active: true, Type: "STANDARD", DueDays: 30, DiscountDays: 0 },
      { Id: "5", Name: "15th", Type: "DATE_DRIVEN", DayOfMonthDue: 15, DueNextMonthDays: 5 },
    ]);
    expect(r.ok && r.value).toEqual([
      { id: "3", name: "Net 30", active: true, dueDays: 30 },
      { id: "5", name: "15th", active: true, dayOfMonthDue: 15, dueNextMonthDays: 5 },
    ]);
    expect(parseTerm({ Id: "4", Name: "Odd", DueDays: "30" }).ok).toBe(false);
  });

  it("maps tax codes", () => {
    const r = parseTaxCodes([
      { Id: "1", Name: "20.0% S", Description: "Standard", Active: true, Taxable: true, TaxGroup: false },
    ]);
    expect(r.ok && r.value).toEqual([
      { id: "1", name: "20.0% S", description: "Standard", active: true, taxable: true },
    ]);
  });
});
