import { Hono, type Context } from "hono";
import { z } from "zod";
import { requireScope, type HsEnv } from "../auth.ts";
import { badRequest } from "../errors.ts";
import { failureResponse } from "../failures.ts";
import type { StoredRecord } from "../object-table.ts";
import { readScopes, writeScopes, type ObjectType } from "../object-types.ts";
import type { Portal } from "../portal.ts";
import type { PreparedCreate } from "../records.ts";
import { recordJson } from "../serialize.ts";
import type { World } from "../world.ts";
import { MAX_BATCH, batchEnvelope, batchError, booleanQuery, jsonBody, objectTypeParam } from "./common.ts";
import { associationInputSchema, propertiesSchema } from "./schemas.ts";

const id = z.union([z.string(), z.number()]).transform(String);
const inputs = <T extends z.ZodType>(item: T) => z.looseObject({ inputs: z.array(item) });

const readBody = inputs(z.looseObject({ id })).extend({
  properties: z.array(z.string()).optional(),
  propertiesWithHistory: z.array(z.string()).optional(),
  idProperty: z.string().optional(),
});
const createBody = inputs(
  z.looseObject({
    properties: propertiesSchema.default({}),
    associations: z.array(associationInputSchema).optional(),
  }),
);
const updateBody = inputs(
  z.looseObject({ id, idProperty: z.string().optional(), properties: propertiesSchema.default({}) }),
);
const archiveBody = inputs(z.looseObject({ id }));

type Values = Record<string, string>;

/**
 * Batch read, create, update, upsert and archive (docs/vendors/hubspot.md §3): at most 100 inputs; ids that
 * do not exist come back as a 207 with `errors[]`; a validation error or a conflict in any input
 * refuses the whole batch, as HubSpot's batch create does, so nothing is half-written.
 */
export function batchRoutes(world: World): Hono<HsEnv> {
  const app = new Hono<HsEnv>();

  /** 200, or HubSpot's 207 multi-status naming the ids that were not found. */
  const partialAnswer = (results: unknown[], missing: string[], what: string) => {
    const errors = missing.length
      ? [
          batchError(
            "OBJECT_NOT_FOUND",
            `${what}, they may be deleted or not exist. Check that ids are valid.`,
            { ids: missing },
          ),
        ]
      : [];
    return Response.json(batchEnvelope(now(world), results, errors), { status: errors.length ? 207 : 200 });
  };

  app.post("/:objectType/batch/read", async (c) => {
    const ctx = await start(c, readBody, "read");
    if (ctx instanceof Response) return ctx;
    const { portal, type, body } = ctx;
    const archived = booleanQuery(c, "archived");
    const results: unknown[] = [];
    const missing: string[] = [];
    for (const input of body.inputs) {
      const found = world.crm.find(portal, type.name, input.id, body.idProperty, archived);
      if (found.ok) results.push(recordJson(portal, found.value, body));
      else if (found.failure.kind === "not_found") missing.push(input.id);
      else return failureResponse(found.failure, portal.id);
    }
    return partialAnswer(results, missing, `Could not get some ${type.upper} objects`);
  });

  app.post("/:objectType/batch/create", async (c) => {
    const ctx = await start(c, createBody, "write");
    if (ctx instanceof Response) return ctx;
    const { portal, type, body, auth } = ctx;
    const prepared: PreparedCreate[] = [];
    for (const input of body.inputs) {
      const one = world.crm.prepareCreate(portal, type.name, input.properties, input.associations);
      if (!one.ok) return failureResponse(one.failure, portal.id);
      prepared.push(one.value);
    }
    const clash = duplicateUnique(
      portal,
      type.name,
      prepared.map((p) => p.values),
    );
    if (clash) return clash;
    const created = prepared.map((p) => world.crm.commitCreate(p, auth.source));
    return c.json(
      batchEnvelope(
        now(world),
        created.map((r) => recordJson(portal, r, { everything: true })),
      ),
      201,
    );
  });

  app.post("/:objectType/batch/update", async (c) => {
    const ctx = await start(c, updateBody, "write");
    if (ctx instanceof Response) return ctx;
    const { portal, type, body, auth } = ctx;
    const duplicated = duplicateIds(body.inputs.map((i) => i.id));
    if (duplicated) return duplicated;
    const planned: Array<[StoredRecord, Values]> = [];
    const missing: string[] = [];
    for (const input of body.inputs) {
      const found = world.crm.find(portal, type.name, input.id, input.idProperty);
      if (!found.ok) {
        if (found.failure.kind !== "not_found") return failureResponse(found.failure, portal.id);
        missing.push(input.id);
        continue;
      }
      const values = world.crm.prepareUpdate(portal, found.value, input.properties);
      if (!values.ok) return failureResponse(values.failure, portal.id);
      planned.push([found.value, values.value]);
    }
    const results = planned.map(([record, values]) =>
      recordJson(portal, world.crm.commitUpdate(portal, record, values, auth.source), { everything: true }),
    );
    return partialAnswer(results, missing, `Could not update some ${type.upper} objects`);
  });

  app.post("/:objectType/batch/upsert", async (c) => {
    const ctx = await start(c, updateBody, "write");
    if (ctx instanceof Response) return ctx;
    const { portal, type, body, auth } = ctx;
    const duplicated = duplicateIds(body.inputs.map((i) => `${i.idProperty ?? ""}:${i.id.toLowerCase()}`));
    if (duplicated) return duplicated;
    type Plan = { update: [StoredRecord, Values] } | { create: PreparedCreate };
    const plans: Plan[] = [];
    for (const input of body.inputs) {
      const found = world.crm.find(portal, type.name, input.id, input.idProperty);
      if (found.ok) {
        const values = world.crm.prepareUpdate(portal, found.value, input.properties);
        if (!values.ok) return failureResponse(values.failure, portal.id);
        plans.push({ update: [found.value, values.value] });
        continue;
      }
      if (found.failure.kind !== "not_found") return failureResponse(found.failure, portal.id);
      if (!input.idProperty || input.idProperty === "hs_object_id")
        return badRequest(
          `Upsert needs an idProperty to create ${type.name} that do not exist (id ${input.id}).`,
        );
      const properties = { ...input.properties, [input.idProperty]: input.id };
      const prepared = world.crm.prepareCreate(portal, type.name, properties);
      if (!prepared.ok) return failureResponse(prepared.failure, portal.id);
      plans.push({ create: prepared.value });
    }
    const created = plans.flatMap((p) => ("create" in p ? [p.create.values] : []));
    const clash = duplicateUnique(portal, type.name, created);
    if (clash) return clash;
    const results = plans.map((plan) => {
      const record =
        "create" in plan
          ? world.crm.commitCreate(plan.create, auth.source)
          : world.crm.commitUpdate(portal, plan.update[0], plan.update[1], auth.source);
      return { ...recordJson(portal, record, { everything: true }), new: "create" in plan };
    });
    return c.json(batchEnvelope(now(world), results));
  });

  app.post("/:objectType/batch/archive", async (c) => {
    const ctx = await start(c, archiveBody, "write");
    if (ctx instanceof Response) return ctx;
    const { portal, type, body, auth } = ctx;
    for (const input of body.inputs) {
      const found = world.crm.find(portal, type.name, input.id);
      if (found.ok) world.crm.archive(portal, found.value, auth.source);
    }
    return c.body(null, 204);
  });

  return app;
}

const now = (world: World) => world.clock.now().toISOString();

/** Common to every batch route: the object type, the scope, the body and the 100-input limit. */
async function start<T extends { inputs: unknown[] }>(
  c: Context<HsEnv>,
  schema: z.ZodType<T>,
  access: "read" | "write",
): Promise<{ portal: Portal; type: ObjectType; body: T; auth: HsEnv["Variables"]["auth"] } | Response> {
  const type = objectTypeParam(c);
  if (type instanceof Response) return type;
  const denied = requireScope(c, access === "read" ? readScopes(type) : writeScopes(type));
  if (denied) return denied;
  const body = await jsonBody(c, schema);
  if (body instanceof Response) return body;
  if (body.inputs.length > MAX_BATCH)
    return badRequest(`Batch input has too many inputs: ${body.inputs.length} > ${MAX_BATCH}.`, {
      context: { maxInputs: [String(MAX_BATCH)] },
    });
  const auth = c.get("auth");
  return { portal: auth.portal, type, body, auth };
}

function duplicateIds(ids: string[]): Response | undefined {
  const seen = new Set<string>();
  const dupes = ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
  if (dupes.length === 0) return undefined;
  return badRequest(
    `Duplicate IDs found in batch input: [${[...new Set(dupes)].join(", ")}]. IDs must be unique`,
  );
}

/** Two inputs of one batch that would create records with the same unique value. */
function duplicateUnique(portal: Portal, objectType: string, created: Values[]): Response | undefined {
  for (const name of portal.uniqueProperties(objectType)) {
    const seen = new Set<string>();
    for (const values of created) {
      const value = values[name]?.toLowerCase();
      if (!value) continue;
      if (seen.has(value))
        return failureResponse(
          { kind: "conflict", message: `Duplicate ${name} "${value}" in batch input.`, existingId: "" },
          portal.id,
        );
      seen.add(value);
    }
  }
  return undefined;
}
