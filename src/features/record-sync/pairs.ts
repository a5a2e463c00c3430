import type { Database } from "../../db/kysely.ts";
import { flowsToHubSpot, flowsToQbo, listMappings, type SyncSettings } from "../settings/index.ts";
import { qboField, type QboField } from "../settings/index.ts";
import type { MergePair } from "./engine/merge.ts";
import type { RecordKind } from "./kinds.ts";

export interface Pair {
  hubspotProperty: string;
  field: QboField;
}

/**
 * The mapped pairs that flow in one direction for a kind, read fresh for every decision so that a
 * mapping change applies to the next sync without a restart (M2).
 */
export async function pairsFor(
  db: Database,
  connectionId: string,
  kind: RecordKind,
  direction: "to_hubspot" | "to_qbo",
): Promise<Pair[]> {
  const rows = await listMappings(db, connectionId, kind.mapping);
  const pairs: Pair[] = [];
  for (const row of rows) {
    if (row.direction !== "both" && row.direction !== direction) continue;
    const property = kind.hubspotProperty(row.hubspotProperty);
    const field = qboField(kind.mapping, row.qboField);
    if (property && field) pairs.push({ hubspotProperty: property, field });
  }
  return pairs;
}

/**
 * Every mapped pair of a kind with the ways its values may flow under the company's settings (the
 * object's direction and the mapping's own), for the two-way merge. A pair that flows neither way
 * is left out; a field QBO computes never flows into QBO.
 */
export async function mergePairsFor(
  db: Database,
  connectionId: string,
  kind: RecordKind,
  settings: SyncSettings,
): Promise<MergePair[]> {
  const rows = await listMappings(db, connectionId, kind.mapping);
  return rows.flatMap((row) => mergePairOf(row, kind, settings) ?? []);
}

/** One mapping row as a merge pair; undefined when the kind lacks it or it flows neither way. */
export function mergePairOf(
  row: { hubspotProperty: string; qboField: string; direction: string },
  kind: RecordKind,
  settings: SyncSettings,
): MergePair | undefined {
  const object = kind.settingsOf(settings);
  const property = kind.hubspotProperty(row.hubspotProperty);
  const field = qboField(kind.mapping, row.qboField);
  if (!property || !field) return undefined;
  const toHubspot = flowsToHubSpot(object) && row.direction !== "to_qbo";
  const toQbo = flowsToQbo(object) && row.direction !== "to_hubspot" && !field.readOnly;
  return toHubspot || toQbo ? { hubspotProperty: property, field, toHubspot, toQbo } : undefined;
}
