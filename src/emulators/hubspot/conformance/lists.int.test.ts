import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_START } from "../test-support.ts";
import { failureOf, startConformance, type Conformance } from "./harness.ts";

let conf: Conformance;
const ids: string[] = [];
beforeAll(async () => {
  conf = await startConformance();
  for (const email of ["ann@acme.example", "bob@acme.example", "cy@acme.example"]) {
    const created = await conf.client.crm.contacts.basicApi.create({
      properties: { email },
      associations: [],
    });
    ids.push(created.id);
  }
});
afterAll(() => conf.close());

describe("Lists API v3 through @hubspot/api-client (X-HS)", () => {
  it("creates a MANUAL list, fills it, and reads it back with the client's models", async () => {
    const lists = conf.client.crm.lists;
    const { list } = await lists.listsApi.create({
      name: "Sync to QuickBooks",
      objectTypeId: "0-1",
      processingType: "MANUAL",
    });
    expect(list).toMatchObject({ name: "Sync to QuickBooks", objectTypeId: "0-1", processingType: "MANUAL" });
    expect(list.createdAt).toEqual(new Date(TEST_START));

    const added = await lists.membershipsApi.add(list.listId, [ids[0]!, ids[1]!, "424242"]);
    expect(added.recordsIdsAdded).toEqual([ids[0], ids[1]]);
    expect(added.recordIdsMissing).toEqual(["424242"]);
    const removed = await lists.membershipsApi.remove(list.listId, [ids[1]!]);
    expect(removed.recordIdsRemoved).toEqual([ids[1]]);

    const fetched = await lists.listsApi.getById(list.listId);
    expect(fetched.list).toMatchObject({ listId: list.listId, size: 1, listVersion: 1 });
    const page = await lists.membershipsApi.getPage(list.listId, undefined, undefined, 10);
    expect(page.results.map((r) => r.recordId)).toEqual([ids[0]]);
    expect(page.results[0]!.membershipTimestamp).toEqual(new Date(TEST_START));

    const mine = await lists.membershipsApi.getLists("0-1", ids[0]!);
    expect(mine.results.map((r) => r.listId)).toEqual([list.listId]);
    expect(mine.results[0]!.firstAddedTimestamp).toEqual(new Date(TEST_START));
    expect((await lists.membershipsApi.getLists("0-1", ids[2]!)).results).toEqual([]);
  });

  it("searches by name, deletes, and answers HubSpot's errors the client decodes", async () => {
    const lists = conf.client.crm.lists;
    const { list } = await lists.listsApi.create({
      name: "Leads B",
      objectTypeId: "0-1",
      processingType: "MANUAL",
    });
    const found = await lists.listsApi.doSearch({ query: "leads", offset: 0, count: 10 });
    expect(found.lists.map((l) => l.name)).toEqual(["Leads B"]);
    expect(found.hasMore).toBe(false);
    expect(found.lists[0]!.additionalProperties.hs_list_size).toBe("0");

    await lists.listsApi.remove(list.listId);
    expect((await lists.listsApi.getById(list.listId)).list.deletedAt).toEqual(new Date(TEST_START));
    const gone = await failureOf(lists.membershipsApi.add(list.listId, [ids[0]!]));
    expect(gone.code).toBe(404);
    expect(gone.body).toMatchObject({ status: "error", category: "OBJECT_NOT_FOUND" });
    const dynamic = await failureOf(
      lists.listsApi.create({ name: "Dyn", objectTypeId: "0-1", processingType: "DYNAMIC" }),
    );
    expect(dynamic.code).toBe(400);
    expect(dynamic.body).toMatchObject({ category: "VALIDATION_ERROR" });
  });
});
