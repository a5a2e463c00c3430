import { z } from "zod";
import { failure, success, type Outcome } from "./failures.ts";
import type { Portal } from "./portal.ts";
import {
  ALLOWED_FIELD_TYPES,
  FIELD_TYPES,
  PROPERTY_TYPES,
  type PropertyDefinition,
  type PropertyGroup,
  type PropertyOption,
} from "./property-types.ts";

/**
 * Creating and changing property definitions and groups (docs/vendors/hubspot.md §5): names are lower-case
 * internal names, each type shows only with its allowed field types, enumeration options have
 * distinct values, the group must exist, and HubSpot's own properties cannot be changed.
 */
const optionSchema = z.looseObject({
  label: z.string().min(1),
  value: z.string().min(1),
  description: z.string().optional(),
  displayOrder: z.number().int().optional(),
  hidden: z.boolean().optional(),
});

export const propertyCreateSchema = z.looseObject({
  name: z.string().min(1),
  label: z.string().min(1),
  type: z.enum(PROPERTY_TYPES),
  fieldType: z.enum(FIELD_TYPES),
  groupName: z.string().min(1),
  description: z.string().optional(),
  options: z.array(optionSchema).optional(),
  displayOrder: z.number().int().optional(),
  hasUniqueValue: z.boolean().optional(),
  hidden: z.boolean().optional(),
  formField: z.boolean().optional(),
});
export type PropertyCreate = z.infer<typeof propertyCreateSchema>;

export const propertyUpdateSchema = propertyCreateSchema.omit({ name: true }).partial();
export type PropertyUpdate = z.infer<typeof propertyUpdateSchema>;

export const groupCreateSchema = z.looseObject({
  name: z.string().min(1),
  label: z.string().min(1),
  displayOrder: z.number().int().optional(),
});

const NAME = /^[a-z][a-z0-9_]{0,99}$/;

const bad = (message: string) => failure({ kind: "bad_request", message });

function toOptions(options: PropertyCreate["options"]): PropertyOption[] {
  return (options ?? []).map((o, i) => ({
    label: o.label,
    value: o.value,
    ...(o.description ? { description: o.description } : {}),
    displayOrder: o.displayOrder ?? i,
    hidden: o.hidden ?? false,
  }));
}

function checkShape(
  def: Pick<PropertyDefinition, "type" | "fieldType" | "options" | "groupName">,
  portal: Portal,
  objectType: string,
): Outcome<void> {
  if (!ALLOWED_FIELD_TYPES[def.type].includes(def.fieldType))
    return bad(
      `fieldType ${def.fieldType} is not valid for type ${def.type}; use one of ${ALLOWED_FIELD_TYPES[def.type].join(", ")}.`,
    );
  const values = def.options.map((o) => o.value);
  if (new Set(values).size !== values.length) return bad("Enumeration options must have distinct values.");
  if (!portal.groups(objectType).some((g) => g.name === def.groupName))
    return bad(`Unable to find property group ${def.groupName} for ${objectType}.`);
  return success(undefined);
}

export function createProperty(
  portal: Portal,
  objectType: string,
  input: PropertyCreate,
  at: string,
): Outcome<PropertyDefinition> {
  if (!NAME.test(input.name))
    return bad(
      `Property name "${input.name}" must start with a lower-case letter and contain only lower-case letters, digits and underscores.`,
    );
  if (portal.property(objectType, input.name) || portal.customProperties.get(objectType)?.has(input.name))
    return failure({
      kind: "conflict",
      message: `Property named '${input.name}' already exists.`,
      existingId: input.name,
    });
  if (input.hasUniqueValue && input.type !== "string" && input.type !== "number")
    return bad("Only string and number properties can require unique values.");
  const options =
    input.type === "bool" && !input.options?.length
      ? [
          { label: "Yes", value: "true", displayOrder: 0, hidden: false },
          { label: "No", value: "false", displayOrder: 1, hidden: false },
        ]
      : toOptions(input.options);
  const def: PropertyDefinition = {
    name: input.name,
    label: input.label,
    type: input.type,
    fieldType: input.fieldType,
    description: input.description ?? "",
    groupName: input.groupName,
    options,
    displayOrder: input.displayOrder ?? -1,
    calculated: false,
    externalOptions: false,
    hasUniqueValue: input.hasUniqueValue ?? false,
    hidden: input.hidden ?? false,
    hubspotDefined: false,
    modificationMetadata: { archivable: true, readOnlyDefinition: false, readOnlyValue: false },
    formField: input.formField ?? false,
    dataSensitivity: "non_sensitive",
    createdAt: at,
    updatedAt: at,
    archived: false,
  };
  const shape = checkShape(def, portal, objectType);
  if (!shape.ok) return shape;
  let custom = portal.customProperties.get(objectType);
  if (!custom) portal.customProperties.set(objectType, (custom = new Map()));
  custom.set(def.name, def);
  return success(def);
}

export function updateProperty(
  portal: Portal,
  objectType: string,
  name: string,
  input: PropertyUpdate,
  at: string,
): Outcome<PropertyDefinition> {
  const existing = portal.property(objectType, name);
  if (!existing) return failure({ kind: "not_found", id: name });
  if (existing.hubspotDefined)
    return bad(`${name} is a HubSpot-defined property; its definition cannot be changed.`);
  if (input.hasUniqueValue !== undefined && input.hasUniqueValue !== existing.hasUniqueValue)
    return bad("hasUniqueValue cannot be changed after a property is created.");
  const next: PropertyDefinition = {
    ...existing,
    ...(input.label !== undefined ? { label: input.label } : {}),
    ...(input.type !== undefined ? { type: input.type } : {}),
    ...(input.fieldType !== undefined ? { fieldType: input.fieldType } : {}),
    ...(input.groupName !== undefined ? { groupName: input.groupName } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.options !== undefined ? { options: toOptions(input.options) } : {}),
    ...(input.displayOrder !== undefined ? { displayOrder: input.displayOrder } : {}),
    ...(input.hidden !== undefined ? { hidden: input.hidden } : {}),
    ...(input.formField !== undefined ? { formField: input.formField } : {}),
    updatedAt: at,
  };
  const shape = checkShape(next, portal, objectType);
  if (!shape.ok) return shape;
  portal.customProperties.get(objectType)?.set(name, next);
  return success(next);
}

export function archiveProperty(portal: Portal, objectType: string, name: string, at: string): Outcome<void> {
  const existing = portal.property(objectType, name);
  if (!existing) return failure({ kind: "not_found", id: name });
  if (!existing.modificationMetadata.archivable)
    return bad(`${name} is a HubSpot-defined property and cannot be archived.`);
  portal.customProperties
    .get(objectType)
    ?.set(name, { ...existing, archived: true, archivedAt: at, updatedAt: at });
  return success(undefined);
}

export function createGroup(
  portal: Portal,
  objectType: string,
  input: z.infer<typeof groupCreateSchema>,
): Outcome<PropertyGroup> {
  if (!NAME.test(input.name))
    return bad(
      `Group name "${input.name}" must start with a lower-case letter and contain only lower-case letters, digits and underscores.`,
    );
  if (portal.groups(objectType).some((g) => g.name === input.name))
    return failure({
      kind: "conflict",
      message: `Property group named '${input.name}' already exists.`,
      existingId: input.name,
    });
  const group: PropertyGroup = {
    name: input.name,
    label: input.label,
    displayOrder: input.displayOrder ?? -1,
    archived: false,
  };
  let groups = portal.customGroups.get(objectType);
  if (!groups) portal.customGroups.set(objectType, (groups = new Map()));
  groups.set(group.name, group);
  return success(group);
}
