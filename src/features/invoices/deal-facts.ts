import type { HttpClient, VendorError } from "../../connectors/http-client.ts";
import { getObject } from "../../connectors/hubspot/crm.ts";
import { dealPipelineLabel, ownerName } from "../../connectors/hubspot/deal-context.ts";
import { DEAL_REPORT_PROPERTIES, parseDeal } from "../../connectors/hubspot/wire/index.ts";
import type { Database } from "../../db/kysely.ts";
import { saveDealFacts } from "./repo/deal-facts.ts";
import { err, ok, type Result } from "../../lib/result.ts";

/**
 * W4: the deal's owner and pipeline (ids and the names HubSpot shows), kept for the reports "by
 * deal owner" and "by pipeline". Read when the deal's invoice properties are recomputed, that is
 * whenever one of its invoices changes, so the reports follow the deals that carry invoices.
 */
export async function refreshDealFacts(
  http: HttpClient,
  db: Database,
  target: { portalId: string; dealId: string },
  now: Date,
): Promise<Result<void, VendorError>> {
  const read = await getObject(http, "deals", target.dealId, [...DEAL_REPORT_PROPERTIES]);
  const deal = read.ok ? parseDeal(read.value) : read;
  if (!deal.ok) return deal;
  // An absent or blank owner or pipeline is none (null), as HubSpot leaves them unset.
  const ownerId = deal.value.ownerId ?? null;
  const pipelineId = deal.value.pipelineId ?? null;
  const owner = ownerId ? await ownerName(http, ownerId) : ok(null);
  // An owner deactivated in HubSpot answers 404: the id is still the right key for the report.
  if (!owner.ok && owner.error.kind !== "not_found") return err(owner.error);
  const pipeline = pipelineId ? await dealPipelineLabel(http, pipelineId) : ok(null);
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
