import type { MappingDirection, MappingObject } from "../../../db/schema/index.ts";
import type { HubSpotPropertyInfo } from "../../../connectors/hubspot/properties.ts";
import type { QboField } from "./qbo-fields.ts";

export type { HubSpotPropertyInfo };

/** Why a pair is refused; each is a message key in web/i18n (mappings.*). */
export type Refusal =
  | "mappings.refuse.types"
  | "mappings.refuse.enumeration"
  | "mappings.refuse.bothReadOnly"
  | "mappings.refuse.direction";

export type Compatibility = { ok: true; directions: MappingDirection[] } | { ok: false; reason: Refusal };

const TEXT_LIKE = new Set(["string", "email", "phone", "url"]);
const HS_TEXT = new Set(["string", "phone_number"]);

/**
 * Which directions a HubSpot property ↔ QBO field pair may flow (M2). Types must agree both ways for
 * a two-way pair; a number or a date may be written into a HubSpot text property but never read
 * back from one; HubSpot enumerations accept only their options, so free QBO text cannot go there;
 * QBO's computed fields only flow to HubSpot, HubSpot's calculated properties only to QBO;
 * invoices flow only to HubSpot (V1).
 */
export function compatibility(
  object: MappingObject,
  hubspot: HubSpotPropertyInfo,
  qbo: QboField,
): Compatibility {
  const toHubspot = flowsInto(qbo.type, hubspot);
  const toQbo = flowsOutOf(hubspot, qbo.type);
  if (!toHubspot && !toQbo)
    return {
      ok: false,
      reason: hubspot.type === "enumeration" ? "mappings.refuse.enumeration" : "mappings.refuse.types",
    };
  const directions: MappingDirection[] = [];
  const canToHubspot = toHubspot && !hubspot.readOnly;
  const canToQbo = toQbo && !qbo.readOnly && object !== "invoice";
  if (canToHubspot) directions.push("to_hubspot");
  if (canToQbo) directions.push("to_qbo");
  if (canToHubspot && canToQbo) directions.push("both");
  if (directions.length === 0)
    return {
      ok: false,
      reason: hubspot.readOnly && qbo.readOnly ? "mappings.refuse.bothReadOnly" : "mappings.refuse.direction",
    };
  return { ok: true, directions };
}

/** Can a QBO value of this type be written into the HubSpot property? */
function flowsInto(qboType: QboField["type"], hs: HubSpotPropertyInfo): boolean {
  switch (hs.type) {
    case "string":
    case "phone_number":
      return true; // any value can be shown as text
    case "number":
      return qboType === "number" || qboType === "money";
    case "date":
    case "datetime":
      return qboType === "date";
    case "bool":
      return qboType === "boolean";
    default:
      return false; // enumeration: only its own options; QBO text is free
  }
}

/** Can the HubSpot property's value be written into a QBO field of this type? */
function flowsOutOf(hs: HubSpotPropertyInfo, qboType: QboField["type"]): boolean {
  if (TEXT_LIKE.has(qboType)) return HS_TEXT.has(hs.type) || hs.type === "enumeration";
  if (qboType === "number" || qboType === "money") return hs.type === "number";
  if (qboType === "date") return hs.type === "date";
  if (qboType === "boolean") return hs.type === "bool";
  return false;
}
