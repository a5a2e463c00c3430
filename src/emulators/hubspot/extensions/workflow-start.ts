import type { HubSpotCore, HsWorkflowStart } from "../contract.ts";
import type { ActionStore, InputField } from "./action-store.ts";
import { objectType } from "./object-types.ts";
import type { WorkflowRunner } from "./workflow-runner.ts";
import type { WorkflowRun } from "./workflow-run.ts";

/** A static value, or `{ propertyName }` to take it from the record (OBJECT_PROPERTY). */
export type InputValue = string | number | boolean | null | { propertyName: string };

export interface StartInput {
  portalId: number;
  appId: number;
  actionId: string;
  objectId: string;
  /** Needed only when the action supports several object types. */
  objectType?: string;
  workflowId?: number;
  inputFields: Record<string, InputValue>;
}

type Started = Exclude<HsWorkflowStart, { ok: true }> | { ok: true; run: WorkflowRun };

const refuse = (status: 400 | 404, message: string): Started => ({
  ok: false,
  status,
  category: status === 404 ? "OBJECT_NOT_FOUND" : "VALIDATION_ERROR",
  message,
});

/**
 * Enrols one record in a custom workflow action, as a workflow would: the action must exist and be
 * published, the portal and the record must exist, and the inputs must be ones the action declares
 * (required ones present). Shared by `POST /__emulator/workflows/run` and the console's workflows page,
 * so both refuse the same things with the same words.
 */
export async function startRun(
  core: HubSpotCore,
  store: ActionStore,
  runner: WorkflowRunner,
  input: StartInput,
): Promise<Started> {
  const owner = core.appById(input.appId);
  const definition = owner ? store.get(input.appId, input.actionId) : undefined;
  if (!owner || !definition) return refuse(404, `App ${input.appId} has no action ${input.actionId}.`);
  if (!definition.published)
    return refuse(400, `Action ${definition.id} is not published, so no workflow can use it.`);
  if (!core.portalExists(input.portalId)) return refuse(404, `Portal ${input.portalId} does not exist.`);
  const types = definition.objectTypes.map((t) => objectType(t)).filter((t) => t !== undefined);
  const type = input.objectType ? objectType(input.objectType) : types.length === 1 ? types[0] : undefined;
  if (!type || !types.some((t) => t.name === type.name))
    return refuse(
      400,
      input.objectType
        ? `Action ${definition.id} runs on ${definition.objectTypes.join(", ")}, not ${input.objectType}.`
        : `Action ${definition.id} runs on ${definition.objectTypes.join(", ")}: say which with objectType.`,
    );
  const record = core.getRecord(input.portalId, type.name, input.objectId);
  if (!record || record.archived)
    return refuse(404, `There is no ${type.upper} ${input.objectId} in portal ${input.portalId}.`);
  const resolved = resolveInputs(definition.inputFields, input.inputFields, record.properties);
  if (!resolved.ok) return refuse(400, resolved.message);
  const run = await runner.run({
    app: owner,
    definition,
    portalId: input.portalId,
    type,
    record,
    workflowId: input.workflowId,
    inputFields: resolved.values,
  });
  return { ok: true, run };
}

/** The input values a workflow would send: each known, property references read, required ones present. */
function resolveInputs(
  fields: InputField[],
  given: Record<string, InputValue>,
  properties: Record<string, string | null>,
): { ok: true; values: Record<string, unknown> } | { ok: false; message: string } {
  const known = new Map(fields.map((f) => [f.typeDefinition.name, f]));
  const unknown = Object.keys(given).filter((name) => !known.has(name));
  if (unknown.length > 0) return { ok: false, message: `Unknown input fields: ${unknown.join(", ")}.` };
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(given)) {
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
