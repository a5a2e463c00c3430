import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FilterOperatorEnum } from "@hubspot/api-client/lib/codegen/crm/objects/index.js";
import { startConformance, type Conformance } from "./harness.ts";

let conf: Conformance;
beforeAll(async () => {
  conf = await startConformance();
});
afterAll(() => conf.close());

/** What each object type needs to be created, keyed by a property unique to this test run. */
function samples(productId: string): Record<string, (n: number) => Record<string, string>> {
  return {
    contacts: (n) => ({ email: `every${n}@example.com`, firstname: `Every${n}` }),
    companies: (n) => ({ name: `Every Co ${n}`, domain: `every${n}.example.com` }),
    deals: (n) => ({
      dealname: `Every deal ${n}`,
      amount: String(100 * n),
      pipeline: "default",
      dealstage: "appointmentscheduled",
    }),
    products: (n) => ({ name: `Every product ${n}`, price: String(10 * n) }),
    line_items: (n) => ({ hs_product_id: productId, quantity: String(n) }),
    quotes: (n) => ({ hs_title: `Every quote ${n}`, hs_expiration_date: "2026-06-01" }),
    invoices: () => ({ hs_currency: "USD" }),
  };
}

/** X-HS: every object type through the client's batch and search APIs, not only contacts. */
describe("Batch and search for every object type through @hubspot/api-client", () => {
  it.each(["contacts", "companies", "deals", "products", "line_items", "quotes", "invoices"])(
    "%s",
    async (type) => {
      const product = await conf.client.crm.products.basicApi.create({
        properties: { name: `P for ${type}`, price: "5" },
        associations: [],
      });
      const make = samples(product.id)[type]!;
      const api = conf.client.crm.objects;
      const created = await api.batchApi.create(type, {
        inputs: [1, 2, 3].map((n) => ({ properties: make(n), associations: [] })),
      });
      expect(created.results).toHaveLength(3);
      const ids = created.results.map((r) => r.id);
      const read = await api.batchApi.read(type, {
        inputs: ids.map((id) => ({ id })),
        properties: ["hs_object_id"],
        propertiesWithHistory: [],
      });
      expect(read.results.map((r) => r.id).sort()).toEqual([...ids].sort());
      const found = await api.searchApi.doSearch(type, {
        filterGroups: [
          { filters: [{ propertyName: "hs_object_id", operator: FilterOperatorEnum.In, values: ids }] },
        ],
        sorts: ["hs_object_id"],
        properties: ["hs_object_id"],
        limit: 10,
        after: "0",
      });
      expect(found.total).toBe(3);
      expect(found.results.map((r) => r.id)).toEqual([...ids].sort((a, b) => Number(a) - Number(b)));
      await api.batchApi.archive(type, { inputs: ids.map((id) => ({ id })) });
      const after = await api.searchApi.doSearch(type, {
        filterGroups: [
          { filters: [{ propertyName: "hs_object_id", operator: FilterOperatorEnum.In, values: ids }] },
        ],
        sorts: [],
        properties: [],
        limit: 10,
        after: "0",
      });
      expect(after.total).toBe(0);
    },
  );
});
