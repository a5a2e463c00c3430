import { describe, expect, it } from "vitest";
import { keysOf } from "../identity/index.ts";
import { COMPANY_KIND, CONTACT_KIND, PRODUCT_KIND } from "../kinds.ts";
import { identityOf as hubspotIdentity } from "./hubspot-side.ts";
import { identityOf as qboIdentity } from "./qbo-side.ts";

const contactSettings = {
  enabled: true,
  direction: "two_way" as const,
  createUpdate: "create_and_update" as const,
  deleteRule: "none" as const,
  winner: "qbo" as const,
  customerAs: "contact" as const,
  matchByNameAndCompany: true,
  matchByPhone: true,
  filters: { lifecycleStages: [], listIds: [], conditions: [] },
};

describe("both sides read the same identity, so their keys meet", () => {
  it("a QBO customer and a HubSpot contact of the same person", () => {
    const customer = {
      Id: "5",
      DisplayName: "Acme (Ann Lee)",
      GivenName: "Ann",
      FamilyName: "Lee",
      CompanyName: "Acme",
      PrimaryEmailAddr: { Address: "Ann@X.example" },
      PrimaryPhone: { FreeFormNumber: "+1 555" },
    };
    const contact = {
      id: "12",
      properties: {
        email: "ann@x.example",
        firstname: "ann",
        lastname: "LEE",
        company: "acme",
        phone: "+1  555",
      },
    };
    const keys = (identity: Parameters<typeof keysOf>[1]) =>
      keysOf("contact", identity, contactSettings).map((k) => k.key);
    expect(keys(qboIdentity(CONTACT_KIND, customer))).toEqual(keys(hubspotIdentity(CONTACT_KIND, contact)));
  });

  it("a customer synced as a company is named by its company name, else its display name", () => {
    expect(qboIdentity(COMPANY_KIND, { Id: "5", DisplayName: "Acme Ltd" }).name).toBe("Acme Ltd");
    expect(qboIdentity(COMPANY_KIND, { Id: "5", DisplayName: "X", CompanyName: "Acme" }).name).toBe("Acme");
    expect(hubspotIdentity(COMPANY_KIND, { id: "1", properties: { name: "Acme", domain: null } })).toEqual({
      name: "Acme",
      domain: undefined,
    });
  });

  it("an item and a product by SKU and name", () => {
    expect(qboIdentity(PRODUCT_KIND, { Id: "3", Name: "Hour", Sku: "CONS-HR" })).toEqual({
      name: "Hour",
      sku: "CONS-HR",
    });
    expect(
      hubspotIdentity(PRODUCT_KIND, { id: "9", properties: { name: "Hour", hs_sku: "cons-hr" } }),
    ).toEqual({
      name: "Hour",
      sku: "cons-hr",
    });
  });
});
