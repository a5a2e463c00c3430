import { describe, expect, it } from "vitest";
import { Company } from "./store.ts";

const settings = {
  realmId: "1",
  name: "Names Ltd",
  country: "US",
  homeCurrency: "USD",
  multiCurrency: false,
  customTxnNumbers: false,
  timeZone: "UTC",
};
const now = new Date("2026-11-02T00:00:00Z");
const ids = (c: Company, name: string) => [...c.idsNamed("Customer", "DisplayName", name)];

describe("the name index behind QBO's 6240 (no scan of the list per write)", () => {
  it("finds names trimmed and in any case, follows renames and deletions", () => {
    const c = new Company(settings);
    c.put("Customer", { Id: "1", DisplayName: "Acme" }, now, "Create");
    expect(ids(c, "  ACME ")).toEqual(["1"]);
    c.put("Customer", { Id: "1", DisplayName: "Beta" }, now, "Update");
    expect(ids(c, "acme")).toEqual([]);
    expect(ids(c, "beta")).toEqual(["1"]);
    c.put("Customer", { Id: "2", DisplayName: "beta" }, now, "Create");
    expect(ids(c, "Beta").sort()).toEqual(["1", "2"]);
    c.remove("Customer", "2", now);
    expect(ids(c, "Beta")).toEqual(["1"]);
  });

  it("is built from a company loaded from its state file", () => {
    const c = new Company(settings);
    c.put("Customer", { Id: "7", DisplayName: "Loaded Co" }, now, "Create");
    const loaded = Company.fromJSON(JSON.parse(JSON.stringify(c.toJSON())));
    expect(ids(loaded, "loaded co")).toEqual(["7"]);
    expect([...loaded.idsNamed("Item", "Name", "Loaded Co")]).toEqual([]);
  });
});
