import { Hono, type Context } from "hono";
import { requireScope, type HsEnv } from "../auth.ts";
import { badRequest, errorResponse } from "../errors.ts";
import type { StoredList } from "../lists.ts";
import { objectTypeOf } from "../object-types.ts";
import type { Portal } from "../portal.ts";
import type { World } from "../world.ts";
import { jsonBody, objectTypeParam } from "./common.ts";
import {
  MEMBERS_PAGE,
  SEARCH_COUNT,
  addAndRemoveSchema,
  createListSchema,
  listJson,
  recordIdsSchema,
  searchListsSchema,
  searchResultJson,
} from "./list-schemas.ts";

const READ = ["crm.lists.read"];
const WRITE = ["crm.lists.write"];

/** A record counts (as a member, or to be added) while it exists and is not archived. */
const liveRecord = (portal: Portal, objectTypeId: string) => {
  const type = objectTypeOf(objectTypeId);
  return (id: string) => (type ? portal.record(type.name, id)?.archived === false : false);
};

const listNotFound = (listId: string) =>
  errorResponse(404, "OBJECT_NOT_FOUND", `List with id ${listId} does not exist.`);

/** The live list named by `:listId`, or the 404 HubSpot answers. */
function liveList(c: Context<HsEnv>): StoredList | Response {
  const listId = c.req.param("listId") ?? "";
  return c.get("auth").portal.lists.live(listId) ?? listNotFound(listId);
}

const sizeOf = (portal: Portal, list: StoredList) =>
  portal.lists.members(list, liveRecord(portal, list.objectTypeId)).length;

/**
 * Lists API v3 (`/crm/v3/lists`): MANUAL lists of any emulated object type, their memberships
 * (add, remove, page through, the lists of one record), delete, and search by name. DYNAMIC and
 * SNAPSHOT lists are refused with a 400 (README "Not emulated").
 */
export function listRoutes(world: World): Hono<HsEnv> {
  const app = new Hono<HsEnv>();
  app.route("/", membershipRoutes(world));

  app.post("/", async (c) => {
    const denied = requireScope(c, WRITE);
    if (denied) return denied;
    const body = await jsonBody(c, createListSchema);
    if (body instanceof Response) return body;
    const type = objectTypeOf(body.objectTypeId);
    if (!type) return badRequest(`Unable to infer object type from: ${body.objectTypeId}`);
    if (body.processingType !== "MANUAL")
      return badRequest(
        `processingType ${body.processingType} is not supported by the HubSpot emulator; only MANUAL lists are emulated.`,
      );
    if (body.filterBranch !== undefined)
      return badRequest("filterBranch can only be given for a DYNAMIC list.");
    const { portal } = c.get("auth");
    if (portal.lists.byName(body.name))
      return badRequest(`A list named "${body.name}" already exists.`, {
        subCategory: "ILS.DUPLICATE_LIST_NAMES",
      });
    const at = world.clock.now().toISOString();
    const user = String(portal.settings.userId);
    const list: StoredList = {
      listId: portal.next("list", 1),
      name: body.name,
      objectTypeId: type.typeId,
      processingType: "MANUAL",
      listVersion: 1,
      createdAt: at,
      updatedAt: at,
      filtersUpdatedAt: at,
      createdById: user,
      updatedById: user,
      customProperties: body.customProperties ?? {},
      ...(body.listFolderId !== undefined ? { listFolderId: body.listFolderId } : {}),
      membershipSettings: {
        membershipTeamId: body.membershipSettings?.membershipTeamId ?? null,
        includeUnassigned: body.membershipSettings?.includeUnassigned ?? null,
      },
      listPermissions: {
        teamsWithEditAccess: body.listPermissions?.teamsWithEditAccess ?? [],
        usersWithEditAccess: body.listPermissions?.usersWithEditAccess ?? [],
      },
      memberships: [],
    };
    portal.lists.insert(list);
    return c.json({ list: listJson(list, 0) });
  });

  app.post("/search", async (c) => {
    const denied = requireScope(c, READ);
    if (denied) return denied;
    const body = await jsonBody(c, searchListsSchema);
    if (body instanceof Response) return body;
    const { portal } = c.get("auth");
    const query = (body.query ?? "").trim().toLowerCase();
    const ids = body.listIds?.map(String);
    const typeId = body.objectTypeId === undefined ? undefined : objectTypeOf(body.objectTypeId)?.typeId;
    if (body.objectTypeId !== undefined && !typeId)
      return badRequest(`Unable to infer object type from: ${body.objectTypeId}`);
    const found = [...portal.lists.lists.values()]
      .filter((l) => !l.deletedAt && l.name.toLowerCase().includes(query))
      .filter((l) => !ids || ids.includes(l.listId))
      .filter((l) => !typeId || l.objectTypeId === typeId)
      .filter((l) => !body.processingTypes || body.processingTypes.includes(l.processingType))
      .sort((a, b) => Number(a.listId) - Number(b.listId));
    const count = Math.min(body.count, SEARCH_COUNT.max);
    const page = found.slice(body.offset, body.offset + count);
    return c.json({
      lists: page.map((l) =>
        searchResultJson(
          l,
          portal.lists.members(l, liveRecord(portal, l.objectTypeId)),
          body.additionalProperties ?? [],
        ),
      ),
      offset: body.offset + page.length,
      hasMore: body.offset + page.length < found.length,
      total: found.length,
    });
  });

  // A deleted list can still be read by id, with its `deletedAt` (as HubSpot answers).
  app.get("/:listId{\\d+}", (c) => {
    const denied = requireScope(c, READ);
    if (denied) return denied;
    const { portal } = c.get("auth");
    const list = portal.lists.lists.get(c.req.param("listId"));
    if (!list) return listNotFound(c.req.param("listId"));
    return c.json({ list: listJson(list, sizeOf(portal, list)) });
  });

  app.delete("/:listId{\\d+}", (c) => {
    const denied = requireScope(c, WRITE);
    if (denied) return denied;
    const list = liveList(c);
    if (list instanceof Response) return list;
    const at = world.clock.now().toISOString();
    list.deletedAt = at;
    list.updatedAt = at;
    return c.body(null, 204);
  });

  return app;
}

function membershipRoutes(world: World): Hono<HsEnv> {
  const app = new Hono<HsEnv>();

  const change = (c: Context<HsEnv>, list: StoredList, add: string[], remove: string[]) => {
    const { portal } = c.get("auth");
    const at = world.clock.now().toISOString();
    return c.json(portal.lists.change(list, add, remove, liveRecord(portal, list.objectTypeId), at));
  };

  app.put("/:listId{\\d+}/memberships/add", async (c) => {
    const denied = requireScope(c, WRITE);
    if (denied) return denied;
    const list = liveList(c);
    if (list instanceof Response) return list;
    const ids = await jsonBody(c, recordIdsSchema);
    return ids instanceof Response ? ids : change(c, list, ids, []);
  });

  app.put("/:listId{\\d+}/memberships/remove", async (c) => {
    const denied = requireScope(c, WRITE);
    if (denied) return denied;
    const list = liveList(c);
    if (list instanceof Response) return list;
    const ids = await jsonBody(c, recordIdsSchema);
    return ids instanceof Response ? ids : change(c, list, [], ids);
  });

  app.put("/:listId{\\d+}/memberships/add-and-remove", async (c) => {
    const denied = requireScope(c, WRITE);
    if (denied) return denied;
    const list = liveList(c);
    if (list instanceof Response) return list;
    const body = await jsonBody(c, addAndRemoveSchema);
    return body instanceof Response ? body : change(c, list, body.recordIdsToAdd, body.recordIdsToRemove);
  });

  // Ordered by record id; `after` is the last record id of the previous page.
  app.get("/:listId{\\d+}/memberships", (c) => {
    const denied = requireScope(c, READ);
    if (denied) return denied;
    const list = liveList(c);
    if (list instanceof Response) return list;
    const { portal } = c.get("auth");
    const asked = Number(c.req.query("limit") ?? MEMBERS_PAGE.default);
    if (!Number.isInteger(asked) || asked < 1) return badRequest(`limit must be a positive integer.`);
    const limit = Math.min(asked, MEMBERS_PAGE.max);
    const after = c.req.query("after");
    if (after !== undefined && !/^\d+$/.test(after)) return badRequest(`Invalid after: ${after}`);
    const members = portal.lists.members(list, liveRecord(portal, list.objectTypeId));
    const rest = after === undefined ? members : members.filter((m) => Number(m.recordId) > Number(after));
    const page = rest.slice(0, limit);
    const body: Record<string, unknown> = {
      results: page.map((m) => ({ recordId: m.recordId, membershipTimestamp: m.lastAddedAt })),
      total: members.length,
    };
    const last = page[page.length - 1];
    if (last && rest.length > limit) {
      const link = new URL(c.req.url);
      link.searchParams.set("after", last.recordId);
      body.paging = { next: { after: last.recordId, link: link.toString() } };
    }
    return c.json(body);
  });

  app.get("/records/:objectTypeId/:recordId/memberships", (c) => {
    const denied = requireScope(c, READ);
    if (denied) return denied;
    const type = objectTypeParam(c, "objectTypeId");
    if (type instanceof Response) return type;
    const { portal } = c.get("auth");
    const recordId = c.req.param("recordId");
    const live = liveRecord(portal, type.typeId)(recordId);
    const found = live ? portal.lists.listsOf(type.typeId, recordId) : [];
    const results = found
      .sort((a, b) => Number(a.list.listId) - Number(b.list.listId))
      .map(({ list, membership }) => ({
        listId: list.listId,
        listVersion: list.listVersion,
        firstAddedTimestamp: membership.firstAddedAt,
        lastAddedTimestamp: membership.lastAddedAt,
        isPublicList: true,
      }));
    return c.json({ results, total: results.length });
  });

  return app;
}
