import { describe, expect, it } from "vitest";
import type { VendorError } from "../../http-client.ts";
import {
  customerBody,
  customerChanges,
  parseCustomer,
  parseCustomers,
  partitionCustomers,
} from "./customer.ts";

// Shaped like Intuit's Customer example (https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/customer).
const amy = {
  domain: "QBO",
  sparse: false,
  Id: "1",
  SyncToken: "0",
  MetaData: { CreateTime: "2014-09-11T16:48:43-07:00", LastUpdatedTime: "2015-07-23T11:07:55-07:00" },
  GivenName: "Amy",
  FamilyName: "Lauterbach",
  FullyQualifiedName: "Amy's Bird Sanctuary",
  CompanyName: "Amy's Bird Sanctuary",
  DisplayName: "Amy's Bird Sanctuary",
  PrintOnCheckName: "Amy's Bird Sanctuary",
  Active: true,
  PrimaryPhone: { FreeFormNumber: "(650) 555-3311" },
  PrimaryEmailAddr: { Address: "Birds@Intuit.com" },
  BillAddr: {
    Id: "2",
    Line1: "4581 Finch St.",
    City: "Bayshore",
    CountrySubDivisionCode: "CA",
    PostalCode: "94326",
  },
  Notes: "Note here",
  Job: false,
  Taxable: true,
  Balance: 239,
  BalanceWithJobs: 239,
  CurrencyRef: { value: "USD", name: "United States Dollar" },
  PreferredDeliveryMethod: "Print",
};

describe("QBO customer wire", () => {
  it("maps a documented customer to the domain", () => {
    const r = parseCustomer(amy);
    expect(r).toEqual({
      ok: true,
      value: {
        id: "1",
        syncToken: "0",
        displayName: "Amy's Bird Sanctuary",
        givenName: "Amy",
        familyName: "Lauterbach",
        companyName: "Amy's Bird Sanctuary",
        email: "Birds@Intuit.com",
        phone: "(650) 555-3311",
        billAddress: { line1: "4581 Finch St.", city: "Bayshore", region: "CA", postalCode: "94326" },
        notes: "Note here",
        active: true,
        currency: "USD",
        balance: 239,
        updatedAt: new Date("2015-07-23T18:07:55Z"),
      },
    });
  });

  it("reads a missing Active as active and a missing Balance as 0", () => {
    const r = parseCustomer({ Id: "7", DisplayName: "Old record" });
    expect(r.ok && r.value).toMatchObject({ active: true, balance: 0 });
  });

  it("classifies a customer without DisplayName as malformed, usable as a VendorError", () => {
    const r = parseCustomer({ ...amy, DisplayName: undefined });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const asVendor: VendorError = r.error;
    expect(asVendor).toMatchObject({ kind: "malformed", retryable: false, id: "1", path: "DisplayName" });
    expect(r.error.message).toContain("Customer 1");
  });

  it("fails a list at the first bad row, naming its index, and partitions on request", () => {
    const rows = [amy, { Id: "2", DisplayName: 5 }];
    const list = parseCustomers(rows);
    expect(!list.ok && list.error.path).toBe("1.DisplayName");
    const parts = partitionCustomers(rows);
    expect(parts.values.map((c) => c.id)).toEqual(["1"]);
    expect(parts.errors).toHaveLength(1);
    expect(parseCustomer(null).ok).toBe(false);
  });

  it("builds the create body with only the fields given", () => {
    expect(
      customerBody({ displayName: "Acme Ltd", email: "ap@acme.test", currency: "GBP", givenName: "" }),
    ).toEqual({
      DisplayName: "Acme Ltd",
      PrimaryEmailAddr: { Address: "ap@acme.test" },
      CurrencyRef: { value: "GBP" },
    });
  });

  it("builds sparse changes, clearing with an empty string", () => {
    expect(customerChanges({ active: false, phone: "" })).toEqual({
      PrimaryPhone: { FreeFormNumber: "" },
      Active: false,
    });
  });
});
