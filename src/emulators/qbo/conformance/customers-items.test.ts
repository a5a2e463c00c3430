import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { faultOf, startQboHarness, type QboClient, type QboHarness } from "./harness.ts";

type Json = Record<string, unknown>;

/** X-QB: names (Customer, Item) through node-quickbooks, with the rules QBO enforces. */
describe("QBO emulator: customers and items (X-QB)", () => {
  let h: QboHarness;
  let qbo: QboClient;
  let incomeAccountId: string;

  beforeAll(async () => {
    h = await startQboHarness();
    ({ qbo } = await h.connect({ name: "Craig's Design", country: "US" }));
    const accounts = await qbo.call<Json>("findAccounts", { AccountType: "Income" });
    incomeAccountId = String(((accounts.QueryResponse as Json).Account as Json[])[0]!.Id);
  });
  afterAll(() => h.close());

  it("creates, reads and sparsely updates a customer with SyncToken", async () => {
    const created = await qbo.call<Json>("createCustomer", {
      GivenName: "Bill",
      FamilyName: "Lucchini",
      PrimaryEmailAddr: { Address: "surf@example.com" },
    });
    expect(created).toMatchObject({
      DisplayName: "Bill Lucchini",
      SyncToken: "0",
      domain: "QBO",
      Active: true,
    });
    expect((created.MetaData as Json).CreateTime).toMatch(/^2026-05-02T10:00:00-07:00$/);
    const read = await qbo.call<Json>("getCustomer", created.Id);
    expect(read.Balance).toBe(0);
    const updated = await qbo.call<Json>("updateCustomer", {
      Id: created.Id,
      SyncToken: created.SyncToken,
      CompanyName: "Bill's Windsurf Shop",
    });
    expect(updated).toMatchObject({ SyncToken: "1", CompanyName: "Bill's Windsurf Shop", GivenName: "Bill" });
  });

  it("refuses a stale SyncToken with 5010", async () => {
    const c = await qbo.call<Json>("createCustomer", { DisplayName: "Stale Ltd" });
    await qbo.call("updateCustomer", { Id: c.Id, SyncToken: "0", Notes: "first" });
    const error = await qbo
      .call("updateCustomer", { Id: c.Id, SyncToken: "0", Notes: "second" })
      .catch((e) => e);
    expect(faultOf(error)).toMatchObject({ code: "5010", Message: "Stale Object Error" });
  });

  it("keeps DisplayName unique, inactive customers included (6240)", async () => {
    const c = await qbo.call<Json>("createCustomer", { DisplayName: "Acme Ltd" });
    await qbo.call("updateCustomer", { Id: c.Id, SyncToken: c.SyncToken, Active: false });
    const error = await qbo.call("createCustomer", { DisplayName: "acme ltd" }).catch((e) => e);
    expect(faultOf(error)).toMatchObject({ code: "6240", Message: "Duplicate Name Exists Error" });
  });

  it("needs a name (6080) and answers 610 for a missing id", async () => {
    expect(faultOf(await qbo.call("createCustomer", { Notes: "x" }).catch((e) => e)).code).toBe("6080");
    expect(faultOf(await qbo.call("getCustomer", "99999").catch((e) => e))).toMatchObject({
      code: "610",
      Message: "Object Not Found",
    });
  });

  it("hides inactive customers from queries unless Active is filtered", async () => {
    const c = await qbo.call<Json>("createCustomer", { DisplayName: "Hidden Co" });
    await qbo.call("updateCustomer", { Id: c.Id, SyncToken: c.SyncToken, Active: false });
    const active = await qbo.call<Json>("findCustomers", { DisplayName: "Hidden Co" });
    expect(active.QueryResponse).toEqual({});
    const all = await qbo.call<Json>("findCustomers", [
      { field: "Active", value: [true, false], operator: "IN" },
      { field: "DisplayName", value: "Hidden Co" },
    ]);
    expect(((all.QueryResponse as Json).Customer as Json[])[0]).toMatchObject({ Active: false });
  });

  it("requires IncomeAccountRef on a service item (2020) and a unique item Name (6240)", async () => {
    const missing = await qbo.call("createItem", { Name: "Consulting", Type: "Service" }).catch((e) => e);
    expect(faultOf(missing)).toMatchObject({
      code: "2020",
      Detail: "Required parameter ExpenseAccountRef or IncomeAccountRef is missing in the request",
    });
    const item = await qbo.call<Json>("createItem", {
      Name: "Consulting",
      Type: "Service",
      UnitPrice: 150,
      IncomeAccountRef: { value: incomeAccountId },
    });
    expect(item).toMatchObject({
      Name: "Consulting",
      UnitPrice: 150,
      FullyQualifiedName: "Consulting",
      Active: true,
    });
    expect((item.IncomeAccountRef as Json).name).toBeTruthy();
    const dup = await qbo
      .call("createItem", {
        Name: "CONSULTING",
        Type: "Service",
        IncomeAccountRef: { value: incomeAccountId },
      })
      .catch((e) => e);
    expect(faultOf(dup).code).toBe("6240");
  });

  it("deactivates names instead of deleting them", async () => {
    const item = await qbo.call<Json>("createItem", {
      Name: "Old Widget",
      Type: "NonInventory",
      IncomeAccountRef: { value: incomeAccountId },
    });
    const off = await qbo.call<Json>("updateItem", {
      Id: item.Id,
      SyncToken: item.SyncToken,
      sparse: true,
      Active: false,
    });
    expect(off.Active).toBe(false);
    const res = await fetch(`${h.url}/v3/company/x/item?operation=delete`, { method: "POST" });
    expect(res.status).toBe(401);
  });
});
