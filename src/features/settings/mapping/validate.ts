import type { MappingDirection, MappingObject } from "../../../db/schema/index.ts";
import { compatibility, type HubSpotPropertyInfo } from "./compat.ts";
import { qboField } from "./qbo-fields.ts";

/** Why a mapping is refused: a message key, its words, and for a one-way pair the directions it allows. */
export type MappingRefusal = {
  key: string;
  params?: Record<string, string>;
  directions?: MappingDirection[];
};

export interface MappingInput {
  hubspotProperty: string;
  qboField: string;
  direction: string;
}

/**
 * A mapping as the user asked for it → the pair to store, or why not (M2): the property must be a
 * real HubSpot property (the properties API's list), the field a QBO field of that entity (the
 * XSD-checked catalogue), their types compatible, and the direction one the pair can flow.
 */
export function validateMapping(
  object: MappingObject,
  properties: HubSpotPropertyInfo[],
  input: MappingInput,
):
  | { ok: true; value: { hubspotProperty: string; qboField: string; direction: MappingDirection } }
  | { ok: false; error: MappingRefusal } {
  const property = properties.find((p) => p.name === input.hubspotProperty);
  if (!property)
    return {
      ok: false,
      error: { key: "mappings.refuse.unknownProperty", params: { name: input.hubspotProperty } },
    };
  const field = qboField(object, input.qboField);
  if (!field)
    return { ok: false, error: { key: "mappings.refuse.unknownField", params: { name: input.qboField } } };
  const compat = compatibility(object, property, field);
  if (!compat.ok) return { ok: false, error: { key: compat.reason } };
  const direction = input.direction as MappingDirection;
  if (!compat.directions.includes(direction))
    return {
      ok: false,
      error: { key: "mappings.refuse.oneWay", directions: compat.directions },
    };
  return { ok: true, value: { hubspotProperty: property.name, qboField: field.path, direction } };
}

/** The HubSpot object whose properties a mapping object uses. */
export const HUBSPOT_OBJECT_OF: Record<MappingObject, string> = {
  contact: "contacts",
  product: "products",
  invoice: "invoices",
};
