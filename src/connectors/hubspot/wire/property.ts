import { z } from "zod";
import type { PropertyDefinition } from "../../../domain/crm.ts";
import { compact } from "./common.ts";
import { wireParser } from "./parse.ts";

/**
 * A property definition (https://developers.hubspot.com/docs/api/crm/properties), as the mapping
 * screen needs it: a calculated or read-only property can only flow to QBO.
 */
export const propertyDefinitionWire = z.looseObject({
  name: z.string().min(1),
  label: z.string(),
  type: z.string(),
  fieldType: z.string(),
  calculated: z.boolean().optional(),
  hidden: z.boolean().optional(),
  modificationMetadata: z.looseObject({ readOnlyValue: z.boolean().optional() }).optional(),
  options: z.array(z.looseObject({ value: z.string(), label: z.string() })).optional(),
});
export type PropertyDefinitionWire = z.output<typeof propertyDefinitionWire>;

export function toPropertyDefinition(p: PropertyDefinitionWire): PropertyDefinition {
  return compact({
    name: p.name,
    label: p.label,
    type: p.type,
    fieldType: p.fieldType,
    readOnly: Boolean(p.calculated || p.modificationMetadata?.readOnlyValue),
    hidden: p.hidden ?? false,
    options: p.options?.length ? p.options.map((o) => ({ value: o.value, label: o.label })) : undefined,
  });
}

const parser = wireParser("properties", propertyDefinitionWire, toPropertyDefinition);
export const parsePropertyDefinition = parser.one;
export const parsePropertyDefinitions = parser.list;
export const partitionPropertyDefinitions = parser.each;
