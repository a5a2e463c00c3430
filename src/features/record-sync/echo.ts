import type { CrmRecord } from "../../connectors/hubspot/search.ts";
import type { Database } from "../../db/kysely.ts";
import { linkByHubspot, type RecordLink } from "./repo/record-links.ts";
import { same } from "../settings/index.ts";
import type { RecordKind } from "./kinds.ts";
import type { Pair } from "./pairs.ts";

/**
 * True when, for every company, the HubSpot record is linked and each mapped value is one
 * Ledgerlink itself wrote (into HubSpot: our echo; or into QBO: already there). planFields would
 * then skip every field whatever QBO holds, so the reconcile need not read QBO to find that out.
 * Any doubt (unlinked, a value we never wrote) answers false and the full rule runs.
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
    if (!company.pairs.every((pair) => settled(pair, record, link))) return false;
  }
  return true;
}

function settled(pair: Pair, record: CrmRecord, link: RecordLink): boolean {
  const value = record.properties[pair.hubspotProperty] ?? undefined;
  const wroteHubSpot = link.toHubspot[pair.hubspotProperty];
  const wroteQbo = link.toQbo[pair.field.path];
  return (
    (wroteHubSpot !== undefined && same(value, wroteHubSpot)) ||
    (wroteQbo !== undefined && same(value, wroteQbo)) ||
    // An empty value never wipes a QBO field Ledgerlink did not write (planFields' "empty").
    (wroteQbo === undefined && same(value, undefined))
  );
}
