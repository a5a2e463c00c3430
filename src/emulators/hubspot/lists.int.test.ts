import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TEST_START, testPortal, type TestPortal } from "./test-support.ts";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function json(res: Response | Promise<Response>): Promise<Json> {
  return (await (await res).json()) as Json;
}

async function contacts(call: TestPortal["call"], n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await json(call("POST", "/crm/v3/objects/contacts", { properties: { firstname: `C${i}` } }));
    ids.push(res.id as string);
  }
  return ids;
}

async function manualList(call: TestPortal["call"], name = "Customers to sync"): Promise<string> {
  const res = await call("POST", "/crm/v3/lists", { name, objectTypeId: "0-1", processingType: "MANUAL" });
  expect(res.status).toBe(200);
  return ((await res.json()) as Json).list.listId as string;
}

describe("Lists API v3 (X-HS)", () => {
  it("creates a MANUAL list and reads it back by id, in HubSpot's shape", async () => {
    const { call, emulator } = testPortal();
    const created = await json(
      call("POST", "/crm/v3/lists", { name: "VIP", objectTypeId: "contacts", processingType: "MANUAL" }),
    );
    const userId = String(emulator.world.portals.values().next().value!.settings.userId);
    expect(created.list).toEqual({
      listId: "1",
      listVersion: 1,
      name: "VIP",
      objectTypeId: "0-1",
      processingType: "MANUAL",
      processingStatus: "COMPLETE",
      createdAt: TEST_START,
      updatedAt: TEST_START,
      filtersUpdatedAt: TEST_START,
      createdById: userId,
      updatedById: userId,
      size: 0,
      listPermissions: { teamsWithEditAccess: [], usersWithEditAccess: [] },
      membershipSettings: { membershipTeamId: null, includeUnassigned: null },
    });
    expect(await json(call("GET", "/crm/v3/lists/1"))).toEqual(created);
    expect(await json(call("GET", "/crm/lists/2026-03/1"))).toEqual(created);
    const second = await json(
      call("POST", "/crm/v3/lists", { name: "Other", objectTypeId: "0-2", processingType: "MANUAL" }),
    );
    expect(second.list).toMatchObject({ listId: "2", objectTypeId: "0-2" });
  });

  it("refuses bad definitions with HubSpot's error body and creates nothing", async () => {
    const { call, emulator } = testPortal();
    await manualList(call, "Taken");
    const cases: Array<[unknown, RegExp]> = [
      [{ objectTypeId: "0-1", processingType: "MANUAL" }, /name/],
      [
        { name: "x", objectTypeId: "0-99", processingType: "MANUAL" },
        /Unable to infer object type from: 0-99/,
      ],
      [{ name: "x", objectTypeId: "0-1", processingType: "LIVE" }, /processingType/],
      [{ name: "x", objectTypeId: "0-1", processingType: "DYNAMIC" }, /only MANUAL lists are emulated/],
      [{ name: "x", objectTypeId: "0-1", processingType: "MANUAL", filterBranch: {} }, /DYNAMIC/],
      [{ name: " taken ", objectTypeId: "0-1", processingType: "MANUAL" }, /already exists/],
    ];
    for (const [body, message] of cases) {
      const res = await call("POST", "/crm/v3/lists", body);
      expect(res.status).toBe(400);
      const error = (await res.json()) as Json;
      expect(error).toMatchObject({ status: "error", category: "VALIDATION_ERROR" });
      expect(error.message).toMatch(message);
      expect(error.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    }
    const portal = emulator.world.portals.values().next().value!;
    expect(portal.lists.lists.size).toBe(1);
  });

  it("adds and removes members, reporting added, removed and missing ids", async () => {
    const { call } = testPortal();
    const [a, b, c] = await contacts(call, 3);
    const company = await json(call("POST", "/crm/v3/objects/companies", { properties: { name: "Co" } }));
    const listId = await manualList(call);
    const added = await json(
      call("PUT", `/crm/v3/lists/${listId}/memberships/add`, [a, Number(b), "999999", company.id]),
    );
    expect(added).toEqual({
      recordsIdsAdded: [a, b],
      recordIdsRemoved: [],
      recordIdsMissing: ["999999", company.id],
    });
    // Already members are ignored.
    expect(await json(call("PUT", `/crm/v3/lists/${listId}/memberships/add`, [a]))).toEqual({
      recordsIdsAdded: [],
      recordIdsRemoved: [],
      recordIdsMissing: [],
    });
    const removed = await json(call("PUT", `/crm/v3/lists/${listId}/memberships/remove`, [b, c, "999999"]));
    expect(removed).toEqual({ recordsIdsAdded: [], recordIdsRemoved: [b], recordIdsMissing: ["999999"] });
    const both = await json(
      call("PUT", `/crm/v3/lists/${listId}/memberships/add-and-remove`, {
        recordIdsToAdd: [c],
        recordIdsToRemove: [a],
      }),
    );
    expect(both).toEqual({ recordsIdsAdded: [c], recordIdsRemoved: [a], recordIdsMissing: [] });
    expect((await json(call("GET", `/crm/v3/lists/${listId}`))).list.size).toBe(1);

    const bad = await call("PUT", `/crm/v3/lists/${listId}/memberships/add`, { ids: [a] });
    expect(bad.status).toBe(400);
    expect((await call("PUT", `/crm/v3/lists/${listId}/memberships/add`, ["12ab"])).status).toBe(400);
    expect((await call("PUT", "/crm/v3/lists/77/memberships/add", [a])).status).toBe(404);
    expect((await json(call("GET", `/crm/v3/lists/${listId}/memberships`))).results).toEqual([
      { recordId: c, membershipTimestamp: TEST_START },
    ]);
  });

  it("pages memberships by record id and tells a record's lists; archived records drop out", async () => {
    const { call, emulator } = testPortal();
    const ids = await contacts(call, 5);
    const first = await manualList(call, "First");
    const second = await manualList(call, "Second");
    await call("PUT", `/crm/v3/lists/${first}/memberships/add`, [...ids].reverse());
    emulator.clock.advance(60_000);
    await call("PUT", `/crm/v3/lists/${second}/memberships/add`, [ids[0]]);

    const page1 = await json(call("GET", `/crm/v3/lists/${first}/memberships?limit=2`));
    expect(page1.results.map((r: Json) => r.recordId)).toEqual(ids.slice(0, 2));
    expect(page1.total).toBe(5);
    expect(page1.paging.next.after).toBe(ids[1]);
    const page3 = await json(call("GET", `/crm/v3/lists/${first}/memberships?limit=2&after=${ids[3]}`));
    expect(page3.results.map((r: Json) => r.recordId)).toEqual([ids[4]]);
    expect(page3.paging).toBeUndefined();

    const lists = await json(call("GET", `/crm/v3/lists/records/0-1/${ids[0]}/memberships`));
    expect(lists).toEqual({
      results: [
        {
          listId: first,
          listVersion: 1,
          firstAddedTimestamp: TEST_START,
          lastAddedTimestamp: TEST_START,
          isPublicList: true,
        },
        {
          listId: second,
          listVersion: 1,
          firstAddedTimestamp: "2026-03-02T09:01:00.000Z",
          lastAddedTimestamp: "2026-03-02T09:01:00.000Z",
          isPublicList: true,
        },
      ],
      total: 2,
    });
    expect((await json(call("GET", `/crm/v3/lists/records/contacts/${ids[4]}/memberships`))).total).toBe(1);
    expect((await call("GET", `/crm/v3/lists/records/0-99/${ids[4]}/memberships`)).status).toBe(400);

    await call("DELETE", `/crm/v3/objects/contacts/${ids[0]}`);
    expect((await json(call("GET", `/crm/v3/lists/records/0-1/${ids[0]}/memberships`))).results).toEqual([]);
    const after = await json(call("GET", `/crm/v3/lists/${first}/memberships?limit=100`));
    expect(after.results.map((r: Json) => r.recordId)).toEqual(ids.slice(1));
    expect((await json(call("GET", `/crm/v3/lists/${second}`))).list.size).toBe(0);
  });

  it("deletes a list: still readable by id with deletedAt, gone from memberships and search", async () => {
    const { call, emulator } = testPortal();
    const [a] = await contacts(call, 1);
    const listId = await manualList(call);
    await call("PUT", `/crm/v3/lists/${listId}/memberships/add`, [a]);
    emulator.clock.advance(1000);
    expect((await call("DELETE", `/crm/v3/lists/${listId}`)).status).toBe(204);
    const read = await json(call("GET", `/crm/v3/lists/${listId}`));
    expect(read.list.deletedAt).toBe("2026-03-02T09:00:01.000Z");
    expect((await json(call("GET", `/crm/v3/lists/records/0-1/${a}/memberships`))).results).toEqual([]);
    expect((await call("GET", `/crm/v3/lists/${listId}/memberships`)).status).toBe(404);
    expect((await call("DELETE", `/crm/v3/lists/${listId}`)).status).toBe(404);
    const missing = await call("GET", "/crm/v3/lists/4242");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ status: "error", category: "OBJECT_NOT_FOUND" });
    expect((await json(call("POST", "/crm/v3/lists/search", { query: "" }))).total).toBe(0);
    // The name is free again.
    expect(
      (
        await call("POST", "/crm/v3/lists", {
          name: "Customers to sync",
          objectTypeId: "0-1",
          processingType: "MANUAL",
        })
      ).status,
    ).toBe(200);
  });

  it("searches lists by name with offset paging and additional properties", async () => {
    const { call } = testPortal();
    const [a, b] = await contacts(call, 2);
    for (const name of ["Alpha buyers", "Beta buyers", "Gamma leads", "Delta buyers"])
      await manualList(call, name);
    await call("PUT", "/crm/v3/lists/1/memberships/add", [a, b]);
    const first = await json(
      call("POST", "/crm/v3/lists/search", { query: "BUYERS", count: 2, additionalProperties: ["hs_nope"] }),
    );
    expect(first).toMatchObject({ total: 3, offset: 2, hasMore: true });
    expect(first.lists.map((l: Json) => l.name)).toEqual(["Alpha buyers", "Beta buyers"]);
    expect(first.lists[0]).toMatchObject({
      listId: "1",
      processingType: "MANUAL",
      additionalProperties: {
        hs_list_size: "2",
        hs_list_reference_count: "0",
        hs_last_record_added_at: String(Date.parse(TEST_START)),
      },
    });
    expect(first.lists[0].listPermissions).toBeUndefined();
    const rest = await json(call("POST", "/crm/v3/lists/search", { query: "buyers", count: 2, offset: 2 }));
    expect(rest).toMatchObject({ total: 3, offset: 3, hasMore: false });
    expect(rest.lists.map((l: Json) => l.name)).toEqual(["Delta buyers"]);
    const byId = await json(
      call("POST", "/crm/v3/lists/search", { listIds: ["3"], processingTypes: ["MANUAL"] }),
    );
    expect(byId.lists.map((l: Json) => l.name)).toEqual(["Gamma leads"]);
    expect((await call("POST", "/crm/v3/lists/search", { offset: -1 })).status).toBe(400);
  });

  it("needs crm.lists.read to read and crm.lists.write to change", async () => {
    const { call } = testPortal({ scopes: ["crm.objects.contacts.read", "crm.lists.read"] });
    const denied = await call("POST", "/crm/v3/lists", {
      name: "x",
      objectTypeId: "0-1",
      processingType: "MANUAL",
    });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({
      category: "MISSING_SCOPES",
      errors: [{ context: { requiredGranularScopes: ["crm.lists.write"] } }],
    });
    expect((await call("GET", "/crm/v3/lists/records/0-1/1/memberships")).status).toBe(200);
    const writer = testPortal({ scopes: ["crm.lists.write"] });
    expect((await writer.call("POST", "/crm/v3/lists/search", {})).status).toBe(403);
    expect((await writer.call("GET", "/crm/v3/lists/1", undefined, "nope")).status).toBe(401);
  });

  it("counts list calls against the 10-second limit, lists search included", async () => {
    const { call } = testPortal();
    const res = await call("POST", "/crm/v3/lists/search", {});
    expect(res.headers.get("X-HubSpot-RateLimit-Remaining")).toBe("109");
    for (let i = 0; i < 6; i++) expect((await call("POST", "/crm/v3/lists/search", {})).status).toBe(200);
    const read = await call("GET", "/crm/v3/lists/records/0-1/1/memberships");
    expect(read.headers.get("X-HubSpot-RateLimit-Remaining")).toBe("102");
  });

  it("keeps lists and memberships in the state file", async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), "hs-lists-")), "hubspot.json");
    const first = testPortal({ stateFile });
    const [a] = await contacts(first.call, 1);
    const listId = await manualList(first.call);
    await first.call("PUT", `/crm/v3/lists/${listId}/memberships/add`, [a]);
    await first.emulator.close();
    const second = testPortal({ stateFile });
    const lists = await json(
      second.call("GET", `/crm/v3/lists/records/0-1/${a}/memberships`, undefined, first.token),
    );
    expect(lists.results.map((r: Json) => r.listId)).toEqual([listId]);
    const next = await json(
      second.call(
        "POST",
        "/crm/v3/lists",
        { name: "Next", objectTypeId: "0-1", processingType: "MANUAL" },
        first.token,
      ),
    );
    expect(next.list.listId).toBe(String(Number(listId) + 1));
    await second.emulator.close();
  });
});
