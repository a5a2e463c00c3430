import type { CrmRecord } from "../../connectors/hubspot/search.ts";
import type { Database } from "../../db/kysely.ts";
import { linkByHubspot, type RecordLink } from "./repo/record-links.ts";
import { same } from "../settings/index.ts";
import type { RecordKind } from "./kinds.ts";
import type { Pair } from "./pairs.ts";
import { pairKey } from "./engine/merge.ts";

/**
 * True when, for every company, the HubSpot record is linked and each mapped value is unchanged
 * since the last agreement (ADR 0034): our own write coming back, or a record touched without a
 * mapped change. Nothing then goes to QBO, and a QBO change reaches HubSpot through QBO's own
 * changes (CDC), so the reconcile need not read QBO to find that out. Any doubt (unlinked, no
 * agreement and a value we never wrote) answers false and the full merge runs.
 */
export async function writesNothing(
  db: Database,
  companies: Array<{ connectionId: string; pairs: Pair[] }>,
  kind: RecordKind,
  record: CrmRecord,
): Promise<boolean> {
  for (const company of companies) {
    const link = await linkByHubspot(db, company.connectionId, kind.link, record.id);
    if (!link) return false;
    if (link.archived) continue; // the rule skips it too: its QBO record was made inactive
    if (!company.pairs.every((pair) => unchangedInHubSpot(pair, record.properties, link))) return false;
  }
  return true;
}

/** Whether a HubSpot value is still the one both sides last agreed on (or, before agreements, ours). */
export function unchangedInHubSpot(
  pair: Pair,
  properties: Record<string, string | null | undefined>,
  link: Pick<RecordLink, "agreed" | "toHubspot" | "toQbo">,
): boolean {
  const value = properties[pair.hubspotProperty] ?? undefined;
  const agreed = link.agreed?.[pairKey(pair)];
  if (agreed !== undefined) return same(value, agreed);
  const wroteHubSpot = link.toHubspot[pair.hubspotProperty];
  const wroteQbo = link.toQbo[pair.field.path];
  return (
    (wroteHubSpot !== undefined && same(value, wroteHubSpot)) ||
    (wroteQbo !== undefined && same(value, wroteQbo)) ||
    // An empty value with nothing known fills nothing in QBO (the merge's own rule).
    (wroteQbo === undefined && same(value, undefined))
  );
}
