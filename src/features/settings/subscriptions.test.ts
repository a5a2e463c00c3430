import { describe, expect, it } from "vitest";
import { DEFAULT_SUBSCRIPTIONS, subscriptionsForMappings } from "./subscriptions.ts";

const keys = (subs: Array<{ eventType: string; propertyName?: string }>) =>
  subs.map((s) => `${s.eventType}:${s.propertyName ?? ""}`);

describe("the webhook subscriptions the mappings need", () => {
  it("watches every default mapping's HubSpot property, not only the identities", () => {
    const subs = keys(DEFAULT_SUBSCRIPTIONS);
    for (const p of ["email", "firstname", "lastname", "phone", "mobilephone", "zip"])
      expect(subs).toContain(`contact.propertyChange:${p}`);
    // A customer synced as a company uses the company property of the same meaning.
    for (const p of ["name", "phone", "website", "city"])
      expect(subs).toContain(`company.propertyChange:${p}`);
    for (const p of ["name", "hs_sku", "description", "price", "hs_cost_of_goods_sold"])
      expect(subs).toContain(`product.propertyChange:${p}`);
    // Invoice mappings flow to HubSpot only: nothing to hear about.
    expect(subs.some((s) => s.startsWith("invoice."))).toBe(false);
    expect(new Set(subs).size).toBe(subs.length);
  });

  it("adds a custom mapping's property, and leaves out one that only flows to HubSpot", () => {
    const subs = keys(
      subscriptionsForMappings([
        { object: "contact", hubspotProperty: "jobtitle", direction: "to_qbo" },
        { object: "contact", hubspotProperty: "hs_lead_status", direction: "to_hubspot" },
        { object: "product", hubspotProperty: "hs_url", direction: "both" },
      ]),
    );
    expect(subs).toContain("contact.propertyChange:jobtitle");
    expect(subs).toContain("product.propertyChange:hs_url");
    expect(subs).not.toContain("contact.propertyChange:hs_lead_status");
    expect(subs).toContain("contact.propertyChange:email"); // identities always
    expect(subs).toContain("deal.propertyChange:dealstage");
  });

  it("refuses more than HubSpot's 1,000 subscriptions per app rather than reconcile half", () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({
      object: "contact" as const,
      hubspotProperty: `custom_${i}`,
      direction: "both" as const,
    }));
    expect(() => subscriptionsForMappings(many)).toThrow(/1000 per app/);
  });
});
