import type { Database } from "../../db/kysely.ts";
import { listMappings } from "../settings/index.ts";
import { qboField, type QboField } from "../settings/index.ts";
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
