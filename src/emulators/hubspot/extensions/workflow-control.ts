import { Hono } from "hono";
import { z } from "zod";
import { parseControlBody } from "../../kit/index.ts";
import type { HubSpotCore } from "../contract.ts";
import type { ActionStore, InputField } from "./action-store.ts";
import { objectType } from "./object-types.ts";
import type { WorkflowRunner } from "./workflow-runner.ts";

const id = z.union([z.string().regex(/^\d+$/), z.number().int().positive()]).transform(String);
/** A static value, or `{ "propertyName": "amount" }` to take it from the record (OBJECT_PROPERTY). */
const inputValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.object({ propertyName: z.string().min(1) }).strict(),
]);
const runBody = z
  .object({
    portalId: z.number().int().positive(),
    appId: z.number().int().positive(),
    actionId: id,
    objectId: id,
    /** Needed only when the action supports several object types. */
    objectType: z.string().optional(),
    workflowId: z.number().int().positive().optional(),
    inputFields: z.record(z.string(), inputValue).default({}),
  })
  .strict();

type RunBody = z.infer<typeof runBody>;

/**
 * `/__emulator/workflows/...`: runs an action on a record as an enrolled workflow would, and lists
 * the runs (with every attempt and the callback's outcome).
 */
export function workflowControlRoutes(core: HubSpotCore, store: ActionStore, runner: WorkflowRunner): Hono {
  const app = new Hono({ strict: false });

  app.post("/workflows/run", async (c) => {
    const body = await parseControlBody(c.req.raw, runBody);
    if (!body.ok) return body.response;
    const input = body.value;
    const owner = core.appById(input.appId);
    const definition = owner ? store.get(input.appId, input.actionId) : undefined;
    if (!owner || !definition)
      return core.errorResponse(
        404,
        "OBJECT_NOT_FOUND",
        `App ${input.appId} has no action ${input.actionId}.`,
      );
    if (!definition.published)
      return core.errorResponse(
        400,
        "VALIDATION_ERROR",
        `Action ${definition.id} is not published, so no workflow can use it.`,
      );
    if (!core.portalExists(input.portalId))
      return core.errorResponse(404, "OBJECT_NOT_FOUND", `Portal ${input.portalId} does not exist.`);
    const types = definition.objectTypes.map((t) => objectType(t)).filter((t) => t !== undefined);
    const type = input.objectType ? objectType(input.objectType) : types.length === 1 ? types[0] : undefined;
    if (!type || !types.some((t) => t.name === type.name))
      return core.errorResponse(
        400,
        "VALIDATION_ERROR",
        input.objectType
          ? `Action ${definition.id} runs on ${definition.objectTypes.join(", ")}, not ${input.objectType}.`
          : `Action ${definition.id} runs on ${definition.objectTypes.join(", ")}: say which with objectType.`,
      );
    const record = core.getRecord(input.portalId, type.name, input.objectId);
    if (!record || record.archived)
      return core.errorResponse(
        404,
        "OBJECT_NOT_FOUND",
        `There is no ${type.upper} ${input.objectId} in portal ${input.portalId}.`,
      );
    const resolved = resolveInputs(definition.inputFields, input, record.properties);
    if (!resolved.ok) return core.errorResponse(400, "VALIDATION_ERROR", resolved.message);
    const run = await runner.run({
      app: owner,
      definition,
      portalId: input.portalId,
      type,
      record,
      workflowId: input.workflowId,
      inputFields: resolved.values,
    });
    return c.json(run);
  });

  app.get("/workflows/runs", (c) => {
    const { portalId, appId, state } = c.req.query();
    const runs = runner
      .list()
      .filter(
        (r) =>
          (!portalId || String(r.portalId) === portalId) &&
          (!appId || String(r.appId) === appId) &&
          (!state || r.state === state),
      );
    return c.json({ runs });
  });

  app.get("/workflows/runs/:callbackId", (c) => {
    const run = runner.get(c.req.param("callbackId"));
    return run
      ? c.json(run)
      : core.errorResponse(404, "OBJECT_NOT_FOUND", `No run ${c.req.param("callbackId")}.`);
  });

  return app;
}

/** The input values a workflow would send: each known, property references read, required ones present. */
function resolveInputs(
  fields: InputField[],
  input: RunBody,
  properties: Record<string, string | null>,
): { ok: true; values: Record<string, unknown> } | { ok: false; message: string } {
  const known = new Map(fields.map((f) => [f.typeDefinition.name, f]));
  const unknown = Object.keys(input.inputFields).filter((name) => !known.has(name));
  if (unknown.length > 0) return { ok: false, message: `Unknown input fields: ${unknown.join(", ")}.` };
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input.inputFields)) {
    if (value !== null && typeof value === "object") {
      if (!known.get(name)!.supportedValueTypes.includes("OBJECT_PROPERTY"))
        return { ok: false, message: `Input field ${name} does not accept a property (OBJECT_PROPERTY).` };
      values[name] = properties[value.propertyName] ?? null;
    } else values[name] = value;
  }
  const missing = fields
    .filter((f) => f.isRequired)
    .map((f) => f.typeDefinition.name)
    .filter((name) => values[name] === undefined || values[name] === null || values[name] === "");
  if (missing.length > 0)
    return { ok: false, message: `Missing required input fields: ${missing.join(", ")}.` };
  return { ok: true, values };
}
