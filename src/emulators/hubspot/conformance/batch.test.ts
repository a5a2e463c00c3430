import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failureOf, raw, startConformance, type Conformance } from "./harness.ts";

let conf: Conformance;
beforeAll(async () => {
  conf = await startConformance();
});
afterAll(() => conf.close());

describe("CRM batch APIs through @hubspot/api-client (X-HS)", () => {
  it("batch creates, reads (207 for missing ids), updates and archives", async () => {
    const created = await conf.client.crm.products.batchApi.create({
      inputs: [
        { properties: { name: "A", price: "10" }, associations: [] },
        { properties: { name: "B", price: "20" }, associations: [] },
      ],
    });
    expect(created.status).toBe("COMPLETE");
    const ids = created.results.map((r) => r.id);
    expect(ids).toHaveLength(2);

    const read = await conf.client.crm.products.batchApi.read({
      inputs: [{ id: ids[0]! }, { id: "999999999" }],
      properties: ["name", "price"],
      propertiesWithHistory: [],
    });
    expect(read.results.map((r) => r.properties.name)).toEqual(["A"]);
    const withErrors = read as typeof read & {
      numErrors?: number;
      errors?: Array<{ category: string; context: Record<string, string[]> }>;
    };
    expect(withErrors.numErrors).toBe(1);
    expect(withErrors.errors?.[0]).toMatchObject({
      category: "OBJECT_NOT_FOUND",
      context: { ids: ["999999999"] },
    });

    const updated = await conf.client.crm.products.batchApi.update({
      inputs: ids.map((id) => ({ id, properties: { price: "30" } })),
    });
    expect(updated.results.map((r) => r.properties.price)).toEqual(["30", "30"]);

    await conf.client.crm.products.batchApi.archive({ inputs: ids.map((id) => ({ id })) });
    const page = await conf.client.crm.products.basicApi.getPage(100);
    expect(page.results.filter((r) => ids.includes(r.id))).toEqual([]);
    const archived = await conf.client.crm.products.basicApi.getPage(
      100,
      undefined,
      undefined,
      undefined,
      undefined,
      true,
    );
    expect(archived.results.map((r) => r.id).sort()).toEqual([...ids].sort());
  });

  it("upserts contacts by email: creates the new, updates the existing, says which", async () => {
    const existing = await conf.client.crm.contacts.basicApi.create({
      properties: { email: "known@example.com", firstname: "Old" },
      associations: [],
    });
    const upserted = await conf.client.crm.contacts.batchApi.upsert({
      inputs: [
        { id: "known@example.com", idProperty: "email", properties: { firstname: "New" } },
        { id: "fresh@example.com", idProperty: "email", properties: { firstname: "Fresh" } },
      ],
    });
    const byEmail = new Map(upserted.results.map((r) => [r.properties.email, r]));
    expect(byEmail.get("known@example.com")).toMatchObject({ id: existing.id, _new: false });
    expect(byEmail.get("known@example.com")?.properties.firstname).toBe("New");
    expect(byEmail.get("fresh@example.com")).toMatchObject({ _new: true });
  });

  it("refuses more than 100 inputs, and a batch with an invalid value, as a whole", async () => {
    const inputs = Array.from({ length: 101 }, (_, i) => ({
      properties: { name: `P${i}` },
      associations: [],
    }));
    const tooMany = await failureOf(conf.client.crm.products.batchApi.create({ inputs }));
    expect(tooMany.code).toBe(400);
    expect(tooMany.body).toMatchObject({ category: "VALIDATION_ERROR" });

    const before = (await conf.client.crm.products.basicApi.getPage(100)).results.length;
    const invalid = await raw(conf, "POST", "/crm/v3/objects/products/batch/create", {
      inputs: [{ properties: { name: "ok" } }, { properties: { price: "ten" } }],
    });
    expect(invalid.status).toBe(400);
    expect((await conf.client.crm.products.basicApi.getPage(100)).results.length).toBe(before);
  });

  it("refuses duplicate ids in a batch update", async () => {
    const one = await conf.client.crm.companies.basicApi.create({
      properties: { name: "Dup" },
      associations: [],
    });
    const dup = await raw(conf, "POST", "/crm/v3/objects/companies/batch/update", {
      inputs: [
        { id: one.id, properties: { name: "x" } },
        { id: one.id, properties: { name: "y" } },
      ],
    });
    expect(dup.status).toBe(400);
    expect(String(dup.body.message)).toContain("Duplicate IDs found in batch input");
  });
});
