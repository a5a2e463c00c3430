import { Hono } from "hono";
import { z } from "zod";
import { requireScope, type HsEnv } from "../auth.ts";
import { failureResponse } from "../failures.ts";
import { readScopes, writeScopes } from "../object-types.ts";
import { recordJson } from "../serialize.ts";
import type { World } from "../world.ts";
import { batchRoutes } from "./batch.ts";
import { booleanQuery, jsonBody, objectTypeParam, readOptionsFromQuery } from "./common.ts";
import { associationInputSchema, propertiesSchema } from "./schemas.ts";
import { searchRoute } from "./search.ts";

const LIST_DEFAULT = 10;
const LIST_MAX = 100;

const createBody = z.looseObject({
  properties: propertiesSchema.default({}),
  associations: z.array(associationInputSchema).optional(),
});
const updateBody = z.looseObject({ properties: propertiesSchema.default({}) });

/**
 * CRM objects v3 (docs/vendors/hubspot.md §3), for every object type: list with `after` paging, read, create,
 * update, archive; batch and search are their own modules. Mounted at `/crm/v3/objects` and at the
 * date-versioned `/crm/objects/{version}`.
 */
export function objectRoutes(world: World): Hono<HsEnv> {
  const app = new Hono<HsEnv>();
  app.route("/", searchRoute());
  app.route("/", batchRoutes(world));

  app.get("/:objectType", (c) => {
    const type = objectTypeParam(c);
    if (type instanceof Response) return type;
    const denied = requireScope(c, readScopes(type));
    if (denied) return denied;
    const { portal } = c.get("auth");
    const asked = Number(c.req.query("limit") ?? LIST_DEFAULT);
    const limit = Number.isInteger(asked) && asked > 0 ? Math.min(asked, LIST_MAX) : LIST_DEFAULT;
    const page = portal.table(type.name).page(c.req.query("after"), limit, booleanQuery(c, "archived"));
    const options = readOptionsFromQuery(c);
    const body: Record<string, unknown> = {
      results: page.records.map((r) => recordJson(portal, r, options)),
    };
    if (page.next) {
      const link = new URL(c.req.url);
      link.searchParams.set("after", page.next);
      body.paging = { next: { after: page.next, link: link.toString() } };
    }
    return c.json(body);
  });

  app.post("/:objectType", async (c) => {
    const type = objectTypeParam(c);
    if (type instanceof Response) return type;
    const denied = requireScope(c, writeScopes(type));
    if (denied) return denied;
    const body = await jsonBody(c, createBody);
    if (body instanceof Response) return body;
    const { portal, source } = c.get("auth");
    const created = world.crm.create(portal, type.name, body.properties, source, body.associations);
    if (!created.ok) return failureResponse(created.failure, portal.id);
    return c.json(recordJson(portal, created.value, { everything: true }), 201);
  });

  app.get("/:objectType/:id", (c) => {
    const type = objectTypeParam(c);
    if (type instanceof Response) return type;
    const denied = requireScope(c, readScopes(type));
    if (denied) return denied;
    const { portal } = c.get("auth");
    const found = world.crm.find(
      portal,
      type.name,
      c.req.param("id"),
      c.req.query("idProperty"),
      booleanQuery(c, "archived"),
    );
    if (!found.ok) return failureResponse(found.failure, portal.id);
    return c.json(recordJson(portal, found.value, readOptionsFromQuery(c)));
  });

  app.patch("/:objectType/:id", async (c) => {
    const type = objectTypeParam(c);
    if (type instanceof Response) return type;
    const denied = requireScope(c, writeScopes(type));
    if (denied) return denied;
    const body = await jsonBody(c, updateBody);
    if (body instanceof Response) return body;
    const { portal, source } = c.get("auth");
    const found = world.crm.find(portal, type.name, c.req.param("id"), c.req.query("idProperty"));
    if (!found.ok) return failureResponse(found.failure, portal.id);
    const updated = world.crm.update(portal, found.value, body.properties, source);
    if (!updated.ok) return failureResponse(updated.failure, portal.id);
    return c.json(recordJson(portal, updated.value, { everything: true }));
  });

  app.delete("/:objectType/:id", (c) => {
    const type = objectTypeParam(c);
    if (type instanceof Response) return type;
    const denied = requireScope(c, writeScopes(type));
    if (denied) return denied;
    const { portal, source } = c.get("auth");
    // Archiving what is already gone answers 204 too: the outcome the caller wanted holds.
    const found = world.crm.find(portal, type.name, c.req.param("id"));
    if (found.ok) world.crm.archive(portal, found.value, source);
    return c.body(null, 204);
  });

  return app;
}
