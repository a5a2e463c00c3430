import { z } from "zod";
import { IdSequence } from "../../kit/index.ts";
import { isHttpUrl } from "./http.ts";

/** Custom workflow action definitions (docs/vendors/hubspot.md §11; the SDK's PublicActionDefinitionEgg). */
const url = z.string().refine(isHttpUrl, "must be an absolute http(s) URL");
const option = z.looseObject({ label: z.string(), value: z.string() });
const typeDefinition = z.looseObject({
  name: z.string().min(1),
  type: z.enum([
    "string",
    "number",
    "bool",
    "datetime",
    "enumeration",
    "date",
    "phone_number",
    "currency_number",
    "json",
    "object_coordinates",
  ]),
  fieldType: z.string().optional(),
  options: z.array(option).default([]),
  optionsUrl: url.optional(),
  externalOptions: z.boolean().default(false),
});
export const VALUE_TYPES = [
  "STATIC_VALUE",
  "OBJECT_PROPERTY",
  "FIELD_DATA",
  "FETCHED_OBJECT_PROPERTY",
  "ENROLLMENT_EVENT_PROPERTY",
] as const;
const inputField = z.looseObject({
  typeDefinition,
  isRequired: z.boolean().default(false),
  supportedValueTypes: z.array(z.enum(VALUE_TYPES)).default(["STATIC_VALUE"]),
});
const outputField = z.looseObject({ typeDefinition });
const labels = z
  .record(z.string(), z.looseObject({ actionName: z.string().min(1) }))
  .refine((l) => Object.keys(l).length > 0, "needs labels for at least one language");
const functionBody = z.looseObject({
  functionType: z.enum([
    "PRE_ACTION_EXECUTION",
    "PRE_FETCH_OPTIONS",
    "POST_FETCH_OPTIONS",
    "POST_ACTION_EXECUTION",
  ]),
  functionSource: z.string().optional(),
  id: z.string().optional(),
});

const fields = {
  actionUrl: url,
  published: z.boolean(),
  objectTypes: z.array(z.string().min(1)).min(1),
  objectRequestOptions: z.object({ properties: z.array(z.string()) }).optional(),
  inputFields: z.array(inputField),
  outputFields: z.array(outputField),
  labels,
  functions: z.array(functionBody),
  inputFieldDependencies: z.array(z.unknown()).optional(),
  executionRules: z.array(z.unknown()).optional(),
};

/** Create: `functions` and `outputFields` may be left out (the SDK marks `functions` required, as `[]`). */
export const actionCreateSchema = z.object({
  ...fields,
  outputFields: fields.outputFields.default([]),
  functions: fields.functions.default([]),
});
export const actionPatchSchema = z.object(fields).partial();

export type ActionCreate = z.infer<typeof actionCreateSchema>;
export type InputField = z.infer<typeof inputField>;

/** A definition as the API returns it (`PublicActionDefinition`), plus the owning app. */
export interface ActionDefinition extends ActionCreate {
  id: string;
  appId: number;
  /** Bumped on every change; sent to the action as `origin.actionDefinitionVersion`. */
  revisionId: string;
  archivedAt?: number;
}

export interface ActionStoreJson {
  definitions: ActionDefinition[];
  ids: Record<string, number>;
}

export class ActionStore {
  #definitions = new Map<string, ActionDefinition>();
  #ids = new IdSequence();

  list(appId: number, archived: boolean): ActionDefinition[] {
    return [...this.#definitions.values()].filter(
      (d) => d.appId === appId && (d.archivedAt !== undefined) === archived,
    );
  }

  /** Every app's live definitions (the console lists them all). */
  live(): ActionDefinition[] {
    return [...this.#definitions.values()].filter((d) => d.archivedAt === undefined);
  }

  get(appId: number, id: string, archived = false): ActionDefinition | undefined {
    const found = this.#definitions.get(id);
    return found?.appId === appId && (archived || found.archivedAt === undefined) ? found : undefined;
  }

  create(appId: number, input: ActionCreate): ActionDefinition {
    const definition: ActionDefinition = {
      id: this.#ids.next("action", 1_000_001),
      appId,
      revisionId: "1",
      ...input,
    };
    this.#definitions.set(definition.id, definition);
    return definition;
  }

  patch(definition: ActionDefinition, input: z.infer<typeof actionPatchSchema>): ActionDefinition {
    for (const [key, value] of Object.entries(input)) {
      if (value !== undefined) Object.assign(definition, { [key]: value });
    }
    definition.revisionId = String(Number(definition.revisionId) + 1);
    return definition;
  }

  /** DELETE archives, as HubSpot's does: the definition stops running but can still be read with `archived=true`. */
  archive(definition: ActionDefinition, now: Date): void {
    definition.archivedAt = now.getTime();
  }

  toJSON(): ActionStoreJson {
    return structuredClone({ definitions: [...this.#definitions.values()], ids: this.#ids.toJSON() });
  }

  restore(json: ActionStoreJson): void {
    this.#definitions = new Map(structuredClone(json.definitions).map((d) => [d.id, d]));
    this.#ids = new IdSequence({ ...json.ids });
  }

  reset(): void {
    this.restore({ definitions: [], ids: {} });
  }
}

/** The API shape: the definition without the emulator's bookkeeping. */
export function actionResponse(definition: ActionDefinition) {
  const { appId: _appId, ...body } = definition;
  return body;
}
