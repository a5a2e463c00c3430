import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { raw, startConformance, type Conformance } from "./harness.ts";

let conf: Conformance;
const ids: string[] = [];
beforeAll(async () => {
  conf = await startConformance();
  const people = [
    ["ann@acme.example", "Ann", "Lee", "100"],
    ["bob@acme.example", "Bob", "Ray", "250"],
    ["cy@globex.example", "Cy", "Ng", "75"],
    ["dee@initech.example", "Dee", "Ann", ""],
  ];
  for (const [email, firstname, lastname] of people) {
    conf.emulator.clock.advance(60_000);
    const created = await conf.client.crm.contacts.basicApi.create({
      properties: { email: email!, firstname: firstname!, lastname: lastname! },
      associations: [],
    });
    ids.push(created.id);
  }
  for (const [name, , , amount] of people)
    await conf.client.crm.deals.basicApi.create({
      properties: { dealname: `Deal ${name}`, ...(amount ? { amount } : {}), dealstage: "qualifiedtobuy" },
      associations: [],
    });
});
afterAll(() => conf.close());

const search = (type: string, body: object) =>
  conf.client.crm.objects.searchApi.doSearch(type, body as never).then((r) => ({
    total: r.total,
    ids: r.results.map((x) => x.id),
    names: r.results.map((x) => x.properties.firstname ?? x.properties.dealname),
    after: r.paging?.next?.after,
  }));

describe("CRM search through @hubspot/api-client (X-HS)", () => {
  it("ORs filter groups and ANDs filters, with the documented operators", async () => {
    const result = await search("contacts", {
      filterGroups: [
        {
          filters: [
            { propertyName: "email", operator: "CONTAINS_TOKEN", value: "*@acme.example" },
            { propertyName: "firstname", operator: "EQ", value: "bob" },
          ],
        },
        { filters: [{ propertyName: "lastname", operator: "IN", values: ["ng"] }] },
      ],
      properties: ["firstname"],
    });
    expect(result.names).toEqual(["Bob", "Cy"]);
    const notIn = await search("contacts", {
      filterGroups: [
        { filters: [{ propertyName: "firstname", operator: "NOT_IN", values: ["ann", "bob"] }] },
      ],
      properties: ["firstname"],
    });
    expect(notIn.names).toEqual(["Cy", "Dee"]);
  });

  it("compares numbers numerically and datetimes given as epoch ms or ISO", async () => {
    const big = await search("deals", {
      filterGroups: [{ filters: [{ propertyName: "amount", operator: "GT", value: "90" }] }],
      sorts: [{ propertyName: "amount", direction: "DESCENDING" }],
      properties: ["dealname"],
    });
    expect(big.names).toEqual(["Deal bob@acme.example", "Deal ann@acme.example"]);
    const between = await search("deals", {
      filterGroups: [
        { filters: [{ propertyName: "amount", operator: "BETWEEN", value: "75", highValue: "100" }] },
      ],
    });
    expect(between.total).toBe(2);
    const noAmount = await search("deals", {
      filterGroups: [{ filters: [{ propertyName: "amount", operator: "NOT_HAS_PROPERTY" }] }],
    });
    expect(noAmount.total).toBe(1);

    const since = Date.parse("2026-03-02T09:02:00.000Z");
    const recent = await search("contacts", {
      filterGroups: [{ filters: [{ propertyName: "createdate", operator: "GTE", value: String(since) }] }],
    });
    const recentIso = await search("contacts", {
      filterGroups: [
        { filters: [{ propertyName: "createdate", operator: "GTE", value: "2026-03-02T09:02:00Z" }] },
      ],
    });
    expect(recent.ids).toEqual(ids.slice(1));
    expect(recentIso.ids).toEqual(ids.slice(1));
  });

  it("sorts by a string sort, searches default properties with query, and pages by offset", async () => {
    const sorted = await search("contacts", {
      sorts: ["-createdate"],
      properties: ["firstname"],
      limit: 2,
    } as object);
    expect(sorted.names).toEqual(["Dee", "Cy"]);
    expect(sorted.after).toBe("2");
    const next = await search("contacts", {
      sorts: ["-createdate"],
      properties: ["firstname"],
      limit: 2,
      after: "2",
    });
    expect(next.names).toEqual(["Bob", "Ann"]);
    expect(next.after).toBeUndefined();
    const query = await search("contacts", { query: "ann", properties: ["firstname"] });
    expect(query.names).toEqual(["Ann", "Dee"]);
  });

  it("refuses paging past 10,000 results and too many filters with 400", async () => {
    const far = await raw(conf, "POST", "/crm/v3/objects/contacts/search", { limit: 200, after: "9900" });
    expect(far.status).toBe(400);
    expect(far.body).toMatchObject({ status: "error", category: "VALIDATION_ERROR" });
    const filters = Array.from({ length: 11 }, () => ({ propertyName: "email", operator: "HAS_PROPERTY" }));
    const many = await raw(conf, "POST", "/crm/v3/objects/contacts/search", { filterGroups: [{ filters }] });
    expect(many.status).toBe(400);
    const tooBig = await raw(conf, "POST", "/crm/v3/objects/contacts/search", { limit: 201 });
    expect(tooBig.status).toBe(400);
  });
});
