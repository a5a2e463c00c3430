import type { HttpClient, VendorError } from "../../connectors/http-client.ts";
import { getObject } from "../../connectors/hubspot/crm.ts";
import { dealPipelineLabel, ownerName } from "../../connectors/hubspot/deal-context.ts";
import { DEAL_REPORT_PROPERTIES, parseDeal } from "../../connectors/hubspot/wire/index.ts";
import type { Database } from "../../db/kysely.ts";
import { dealFactsRefreshedAt, recentNames, saveDealFacts } from "./repo/deal-facts.ts";
import { err, ok, type Result } from "../../lib/result.ts";

/**
 * How long a deal's facts are taken as current. A payment, a send and the status change they make
 * recompute the deal's properties within seconds of each other: reading the owner and pipeline
 * (two HubSpot calls) each time spent a third of a change's calls on what had not changed.
 */
export const DEAL_FACTS_FRESH_MS = 15 * 60_000;

/**
 * W4: the deal's owner and pipeline (ids and the names HubSpot shows), kept for the reports "by
 * deal owner" and "by pipeline". Read when the deal's invoice properties are recomputed, that is
 * whenever one of its invoices changes, unless read in the last `DEAL_FACTS_FRESH_MS`, so the
 * reports follow the deals that carry invoices.
 */
export async function refreshDealFacts(
  http: HttpClient,
  db: Database,
  target: { portalId: string; dealId: string },
  now: Date,
): Promise<Result<void, VendorError>> {
  const refreshedAt = await dealFactsRefreshedAt(db, target.portalId, target.dealId);
  if (refreshedAt && now.getTime() - refreshedAt.getTime() < DEAL_FACTS_FRESH_MS) return ok(undefined);
  const read = await getObject(http, "deals", target.dealId, [...DEAL_REPORT_PROPERTIES]);
  const deal = read.ok ? parseDeal(read.value) : read;
  if (!deal.ok) return deal;
  // An absent or blank owner or pipeline is none (null), as HubSpot leaves them unset.
  const ownerId = deal.value.ownerId ?? null;
  const pipelineId = deal.value.pipelineId ?? null;
  // Most deals share a handful of owners and pipelines: a name read for another deal within the
  // same window is as fresh as reading it again (an invoice push spent a sixth of its HubSpot calls
  // reading the one pipeline's label).
  const known = await recentNames(
    db,
    target.portalId,
    { ownerId, pipelineId },
    new Date(now.getTime() - DEAL_FACTS_FRESH_MS),
  );
  const owner = known.ownerName ? ok(known.ownerName) : ownerId ? await ownerName(http, ownerId) : ok(null);
  // An owner deactivated in HubSpot answers 404: the id is still the right key for the report.
  if (!owner.ok && owner.error.kind !== "not_found") return err(owner.error);
  const pipeline = known.pipelineLabel
    ? ok(known.pipelineLabel)
    : pipelineId
      ? await dealPipelineLabel(http, pipelineId)
      : ok(null);
  if (!pipeline.ok && pipeline.error.kind !== "not_found") return err(pipeline.error);
  await saveDealFacts(
    db,
    target.portalId,
    target.dealId,
    {
      ownerId,
      ownerName: owner.ok ? owner.value : null,
      pipelineId,
      pipelineLabel: pipeline.ok ? pipeline.value : null,
    },
    now,
  );
  return ok(undefined);
}
