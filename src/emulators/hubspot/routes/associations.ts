import { Hono, type Context } from "hono";
import { z } from "zod";
import { requireScope, type HsEnv } from "../auth.ts";
import { associationType, associationTypesBetween, defaultAssociationType } from "../association-types.ts";
import { badRequest, errorResponse } from "../errors.ts";
import { objectTypeOf, readScopes, writeScopes, type ObjectType } from "../object-types.ts";
import type { Portal } from "../portal.ts";
import type { World } from "../world.ts";
import { MAX_BATCH, batchEnvelope, batchError, jsonBody } from "./common.ts";

/** The v4 list pages at most 500 associations (docs/vendors/hubspot.md §6). */
const LIST_MAX = 500;

const id = z.union([z.string(), z.number()]).transform(String);
const spec = z.looseObject({
  associationCategory: z.string().default("HUBSPOT_DEFINED"),
  associationTypeId: z.number().int(),
});
const specs = z.array(spec);
const inputs = <T extends z.ZodType>(item: T) => z.looseObject({ inputs: z.array(item).max(MAX_BATCH) });
const pairBody = inputs(z.looseObject({ from: z.looseObject({ id }), to: z.looseObject({ id }) }));
const createBody = inputs(
  z.looseObject({ from: z.looseObject({ id }), to: z.looseObject({ id }), types: specs }),
);
const readBody = inputs(z.looseObject({ id, after: z.string().optional() }));
const archiveBody = inputs(
  z.looseObject({ from: z.looseObject({ id }), to: z.array(z.looseObject({ id })) }),
);

interface Pair {
  portal: Portal;
  from: ObjectType;
  to: ObjectType;
}

/** A type id's JSON in v4 answers. */
const typeJson = (typeId: number) => ({
  category: "HUBSPOT_DEFINED",
  typeId,
  label: associationType(typeId)?.label ?? null,
});

function pairOf(c: Context<HsEnv>, fromParam: string, toParam: string, write: boolean): Pair | Response {
  const from = objectTypeOf(c.req.param(fromParam) ?? "");
  const to = objectTypeOf(c.req.param(toParam) ?? "");
  if (!from || !to)
    return badRequest(
      `Unable to infer object type from: ${from ? c.req.param(toParam) : c.req.param(fromParam)}`,
    );
  const denied = requireScope(c, write ? writeScopes(from) : readScopes(from));
  return denied ?? { portal: c.get("auth").portal, from, to };
}

const live = (pair: Pair, type: ObjectType, objectId: string) =>
  pair.portal.record(type.name, objectId)?.archived === false;

/** Type ids valid from → to, or the 400 HubSpot gives for a wrong one. */
function checkTypes(pair: Pair, given: Array<z.infer<typeof spec>>): number[] | Response {
  const allowed = new Set(associationTypesBetween(pair.from.name, pair.to.name).map((t) => t.typeId));
  const wrong = given.filter(
    (s) => !allowed.has(s.associationTypeId) || s.associationCategory !== "HUBSPOT_DEFINED",
  );
  if (wrong.length || given.length === 0)
    return badRequest(
      `Invalid association type(s) from ${pair.from.name} to ${pair.to.name}: ${JSON.stringify(wrong.map((w) => w.associationTypeId))}.`,
    );
  return given.map((s) => s.associationTypeId);
}

function labelsBetween(pair: Pair, fromId: string, toId: string) {
  const link = pair.portal.associations
    .list(pair.from.name, fromId, pair.to.name)
    .find((l) => l.toId === toId);
  return {
    fromObjectTypeId: pair.from.typeId,
    fromObjectId: Number(fromId),
    toObjectTypeId: pair.to.typeId,
    toObjectId: Number(toId),
    labels: (link?.typeIds ?? []).flatMap((t) => associationType(t)?.label ?? []),
  };
}

/** `{toObjectId, associationTypes}` entries for live targets. */
function linksJson(pair: Pair, fromId: string) {
  return pair.portal.associations
    .list(pair.from.name, fromId, pair.to.name)
    .filter((l) => live(pair, pair.to, l.toId))
    .map((l) => ({ toObjectId: Number(l.toId), associationTypes: l.typeIds.map(typeJson) }));
}

/** Single-record v4 routes, mounted at `/crm/v4/objects` and `/crm/objects/{version}`. */
export function objectAssociationRoutes(world: World): Hono<HsEnv> {
  const app = new Hono<HsEnv>();
  const source = (c: Context<HsEnv>) => c.get("auth").source;
  const now = () => world.clock.now().toISOString();

  app.put("/:fromType/:fromId/associations/default/:toType/:toId", (c) => {
    const pair = pairOf(c, "fromType", "toType", true);
    if (pair instanceof Response) return pair;
    const { fromId, toId } = c.req.param();
    if (!live(pair, pair.from, fromId) || !live(pair, pair.to, toId))
      return errorResponse(404, "OBJECT_NOT_FOUND", "resource not found");
    const type = defaultAssociationType(pair.from.name, pair.to.name);
    if (!type)
      return badRequest(`There is no default association type from ${pair.from.name} to ${pair.to.name}.`);
    world.crm.associate(pair.portal, pair.from.name, fromId, pair.to.name, toId, [type.typeId], source(c));
    return c.json(
      batchEnvelope(now(), [
        {
          from: { id: fromId },
          to: { id: toId },
          associationSpec: { associationCategory: "HUBSPOT_DEFINED", associationTypeId: type.typeId },
        },
      ]),
    );
  });

  app.put("/:fromType/:fromId/associations/:toType/:toId", async (c) => {
    const pair = pairOf(c, "fromType", "toType", true);
    if (pair instanceof Response) return pair;
    const body = await jsonBody(c, specs);
    if (body instanceof Response) return body;
    const typeIds = checkTypes(pair, body);
    if (typeIds instanceof Response) return typeIds;
    const { fromId, toId } = c.req.param();
    if (!live(pair, pair.from, fromId) || !live(pair, pair.to, toId))
      return errorResponse(404, "OBJECT_NOT_FOUND", "resource not found");
    world.crm.associate(pair.portal, pair.from.name, fromId, pair.to.name, toId, typeIds, source(c));
    return c.json(labelsBetween(pair, fromId, toId), 201);
  });

  app.get("/:fromType/:fromId/associations/:toType", (c) => {
    const pair = pairOf(c, "fromType", "toType", false);
    if (pair instanceof Response) return pair;
    const all = linksJson(pair, c.req.param("fromId"));
    const asked = Number(c.req.query("limit") ?? LIST_MAX);
    const limit = Number.isInteger(asked) && asked > 0 ? Math.min(asked, LIST_MAX) : LIST_MAX;
    const after = c.req.query("after");
    const startId = after ? Number(Buffer.from(decodeURIComponent(after), "base64").toString("utf8")) : 0;
    const rest = all.filter((l) => l.toObjectId >= startId);
    const page = rest.slice(0, limit);
    const next = rest[limit];
    const body: Record<string, unknown> = { results: page };
    if (next) {
      const cursor = Buffer.from(String(next.toObjectId)).toString("base64");
      const link = new URL(c.req.url);
      link.searchParams.set("after", cursor);
      body.paging = { next: { after: cursor, link: link.toString() } };
    }
    return c.json(body);
  });

  app.delete("/:fromType/:fromId/associations/:toType/:toId", (c) => {
    const pair = pairOf(c, "fromType", "toType", true);
    if (pair instanceof Response) return pair;
    const { fromId, toId } = c.req.param();
    world.crm.dissociate(pair.portal, pair.from.name, fromId, pair.to.name, toId, undefined, source(c));
    return c.body(null, 204);
  });

  return app;
}

/** Batch v4 routes, mounted at `/crm/v4/associations` and `/crm/associations/{version}`. */
export function batchAssociationRoutes(world: World): Hono<HsEnv> {
  const app = new Hono<HsEnv>();
  const now = () => world.clock.now().toISOString();

  app.get("/:fromType/:toType/labels", (c) => {
    const pair = pairOf(c, "fromType", "toType", false);
    if (pair instanceof Response) return pair;
    return c.json({
      results: associationTypesBetween(pair.from.name, pair.to.name).map((t) => typeJson(t.typeId)),
    });
  });

  app.post("/:fromType/:toType/batch/associate/default", async (c) => {
    const pair = pairOf(c, "fromType", "toType", true);
    if (pair instanceof Response) return pair;
    const body = await jsonBody(c, pairBody);
    if (body instanceof Response) return body;
    const type = defaultAssociationType(pair.from.name, pair.to.name);
    if (!type)
      return badRequest(`There is no default association type from ${pair.from.name} to ${pair.to.name}.`);
    const results: unknown[] = [];
    const missing: string[] = [];
    for (const input of body.inputs) {
      if (!live(pair, pair.from, input.from.id) || !live(pair, pair.to, input.to.id)) {
        missing.push(`${input.from.id}->${input.to.id}`);
        continue;
      }
      world.crm.associate(
        pair.portal,
        pair.from.name,
        input.from.id,
        pair.to.name,
        input.to.id,
        [type.typeId],
        c.get("auth").source,
      );
      results.push({
        from: { id: input.from.id },
        to: { id: input.to.id },
        associationSpec: { associationCategory: "HUBSPOT_DEFINED", associationTypeId: type.typeId },
      });
    }
    const errors = missing.length ? [notFound(pair, missing)] : [];
    return c.json(batchEnvelope(now(), results, errors), errors.length ? 207 : 200);
  });

  app.post("/:fromType/:toType/batch/create", async (c) => {
    const pair = pairOf(c, "fromType", "toType", true);
    if (pair instanceof Response) return pair;
    const body = await jsonBody(c, createBody);
    if (body instanceof Response) return body;
    const planned: Array<[string, string, number[]]> = [];
    const missing: string[] = [];
    for (const input of body.inputs) {
      const typeIds = checkTypes(pair, input.types);
      if (typeIds instanceof Response) return typeIds;
      if (live(pair, pair.from, input.from.id) && live(pair, pair.to, input.to.id))
        planned.push([input.from.id, input.to.id, typeIds]);
      else missing.push(`${input.from.id}->${input.to.id}`);
    }
    const results = planned.map(([fromId, toId, typeIds]) => {
      world.crm.associate(
        pair.portal,
        pair.from.name,
        fromId,
        pair.to.name,
        toId,
        typeIds,
        c.get("auth").source,
      );
      return labelsBetween(pair, fromId, toId);
    });
    const errors = missing.length ? [notFound(pair, missing)] : [];
    return c.json(batchEnvelope(now(), results, errors), errors.length ? 207 : 201);
  });

  app.post("/:fromType/:toType/batch/read", async (c) => {
    const pair = pairOf(c, "fromType", "toType", false);
    if (pair instanceof Response) return pair;
    const body = await jsonBody(c, readBody);
    if (body instanceof Response) return body;
    const results: unknown[] = [];
    const errors: unknown[] = [];
    for (const input of body.inputs) {
      const to = linksJson(pair, input.id);
      if (to.length) results.push({ from: { id: input.id }, to });
      else
        errors.push({
          ...batchError(
            "OBJECT_NOT_FOUND",
            `No ${pair.to.singular} is associated with ${pair.from.singular} ${input.id}.`,
            {
              fromObjectId: [input.id],
            },
          ),
          subCategory: "crm.associations.NO_ASSOCIATIONS_FOUND",
        });
    }
    return c.json(batchEnvelope(now(), results, errors), errors.length ? 207 : 200);
  });

  app.post("/:fromType/:toType/batch/archive", async (c) => {
    const pair = pairOf(c, "fromType", "toType", true);
    if (pair instanceof Response) return pair;
    const body = await jsonBody(c, archiveBody);
    if (body instanceof Response) return body;
    for (const input of body.inputs)
      for (const to of input.to)
        world.crm.dissociate(
          pair.portal,
          pair.from.name,
          input.from.id,
          pair.to.name,
          to.id,
          undefined,
          c.get("auth").source,
        );
    return c.body(null, 204);
  });

  app.post("/:fromType/:toType/batch/labels/archive", async (c) => {
    const pair = pairOf(c, "fromType", "toType", true);
    if (pair instanceof Response) return pair;
    const body = await jsonBody(c, createBody);
    if (body instanceof Response) return body;
    for (const input of body.inputs) {
      const typeIds = checkTypes(pair, input.types);
      if (typeIds instanceof Response) return typeIds;
      world.crm.dissociate(
        pair.portal,
        pair.from.name,
        input.from.id,
        pair.to.name,
        input.to.id,
        typeIds,
        c.get("auth").source,
      );
    }
    return c.body(null, 204);
  });

  return app;
}

/** The legacy `POST /crm/v3/associations/{from}/{to}/batch/read`: `{from: {id}, to: [{id, type}]}`. */
export function v3AssociationRoutes(world: World): Hono<HsEnv> {
  const app = new Hono<HsEnv>();
  app.post("/:fromType/:toType/batch/read", async (c) => {
    const pair = pairOf(c, "fromType", "toType", false);
    if (pair instanceof Response) return pair;
    const body = await jsonBody(c, readBody);
    if (body instanceof Response) return body;
    const results = body.inputs.flatMap((input) => {
      const to = pair.portal.associations
        .list(pair.from.name, input.id, pair.to.name)
        .filter((l) => live(pair, pair.to, l.toId))
        .flatMap((l) => l.typeIds.map((t) => ({ id: l.toId, type: associationType(t)?.name ?? String(t) })));
      return to.length ? [{ from: { id: input.id }, to }] : [];
    });
    return c.json(batchEnvelope(world.clock.now().toISOString(), results));
  });
  return app;
}

function notFound(pair: Pair, pairs: string[]) {
  return batchError(
    "OBJECT_NOT_FOUND",
    `Could not find some ${pair.from.upper} or ${pair.to.upper} objects, they may be deleted or not exist.`,
    { ids: pairs },
  );
}
