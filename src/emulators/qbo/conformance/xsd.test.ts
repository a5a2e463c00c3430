import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENTITY_NAMES } from "../entities.ts";
import { unknownFields } from "../xsd/xsd-fields.ts";
import { startQboHarness, type QboClient, type QboHarness } from "./harness.ts";

type Json = Record<string, unknown>;

/** X-QB: whatever the emulator returns uses only field names of Intuit's XSD for that entity. */
describe("QBO emulator entities follow Intuit's XSD (X-QB)", () => {
  let h: QboHarness;
  const clients: QboClient[] = [];

  beforeAll(async () => {
    h = await startQboHarness();
    for (const company of [
      { name: "US demo", country: "US", seed: "demo" },
      { name: "UK demo", country: "GB", seed: "demo", multiCurrency: true },
      { name: "CA demo", country: "CA", seed: "demo" },
    ]) {
      clients.push((await h.connect(company)).qbo);
    }
  });
  afterAll(() => h.close());

  it.each(ENTITY_NAMES)("%s", async (entity) => {
    let checked = 0;
    for (const qbo of clients) {
      const res = await qbo.call<Json>("batch", [
        { bId: "q", Query: `select * from ${entity} where Active in (true, false)` },
        { bId: "p", Query: `select * from ${entity}` },
      ]);
      for (const item of res.BatchItemResponse as Json[]) {
        const rows = ((item.QueryResponse ?? {}) as Json)[entity];
        if (!Array.isArray(rows)) continue;
        for (const row of rows) {
          expect(unknownFields(entity, row)).toEqual([]);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
