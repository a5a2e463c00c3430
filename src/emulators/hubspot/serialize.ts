import { associationType } from "./association-types.ts";
import type { StoredRecord } from "./object-table.ts";
import { objectTypeNamed, objectTypeOf } from "./object-types.ts";
import type { Portal } from "./portal.ts";

export interface ReadOptions {
  properties?: string[];
  propertiesWithHistory?: string[];
  /** Object types (any accepted spelling) whose associations a v3 read includes. */
  associations?: string[];
  /** Every property that has a value (what create and update answer with). */
  everything?: boolean;
}

/** Returned with every record whatever was asked for, as HubSpot does. */
const ALWAYS = ["hs_object_id", "createdate", "hs_lastmodifieddate", "lastmodifieddate"];

/**
 * A record in HubSpot's `SimplePublicObject` shape: property values as strings, `null` for asked
 * properties without a value, keys in alphabetical order as HubSpot sends them.
 */
export function recordJson(portal: Portal, record: StoredRecord, opts: ReadOptions = {}) {
  const type = objectTypeNamed(record.objectType);
  const asked = opts.everything
    ? Object.keys(record.properties).filter((n) => record.properties[n] !== "")
    : opts.properties?.length
      ? opts.properties
      : type.defaultProperties;
  const names = new Set<string>();
  for (const name of [...asked, ...ALWAYS])
    if (portal.property(record.objectType, name) && (asked.includes(name) || name in record.properties))
      names.add(name);
  const properties: Record<string, string | null> = {};
  for (const name of [...names].sort()) properties[name] = record.properties[name] ?? null;

  const json: Record<string, unknown> = { id: record.id, properties };
  if (opts.propertiesWithHistory?.length) {
    const history: Record<string, unknown[]> = {};
    for (const name of opts.propertiesWithHistory)
      if (portal.property(record.objectType, name)) history[name] = record.history[name] ?? [];
    json.propertiesWithHistory = history;
  }
  json.createdAt = record.createdAt;
  json.updatedAt = record.updatedAt;
  json.archived = record.archived;
  if (record.archivedAt) json.archivedAt = record.archivedAt;
  const associations = v3Associations(portal, record, opts.associations ?? []);
  if (associations) json.associations = associations;
  return json;
}

/** The legacy v3 `associations` block: `{ "line items": { results: [{ id, type }] } }`. */
function v3Associations(portal: Portal, record: StoredRecord, wanted: string[]) {
  const out: Record<string, { results: Array<{ id: string; type: string }> }> = {};
  for (const spelling of wanted) {
    const toType = objectTypeOf(spelling);
    if (!toType) continue;
    const results: Array<{ id: string; type: string }> = [];
    for (const link of portal.associations.list(record.objectType, record.id, toType.name)) {
      if (portal.record(toType.name, link.toId)?.archived !== false) continue;
      for (const typeId of link.typeIds)
        results.push({ id: link.toId, type: associationType(typeId)?.name ?? String(typeId) });
    }
    if (results.length) out[toType.pluralLabel] = { results };
  }
  return Object.keys(out).length ? out : undefined;
}

/** Query list parameters arrive repeated (`properties=a&properties=b`, the Node client) or comma-joined. */
export function listParam(values: string[] | undefined): string[] | undefined {
  if (!values?.length) return undefined;
  const out = values
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  return out.length ? out : undefined;
}
