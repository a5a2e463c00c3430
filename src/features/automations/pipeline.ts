import { getObject } from "../../connectors/hubspot/crm.ts";
import { parseDeal } from "../../connectors/hubspot/wire/index.ts";
import type { Database } from "../../db/kysely.ts";
import { dealsOfInvoice } from "../invoices/index.ts";
import { findPortal } from "../connections/index.ts";
import type { VendorClients } from "../connections/index.ts";
import type { Attempt } from "./actions.ts";

/**
 * The pipeline filter: Ledgerlink does not store deals, so the invoice's linked deals are read from
 * HubSpot at delivery (`pipeline` property). Undefined when one of them is in the rule's pipeline;
 * otherwise why the firing is skipped (or a retryable failure when HubSpot could not answer).
 */
export async function pipelineMismatch(
  deps: { db: Database; clients: VendorClients },
  portalId: string,
  invoiceKey: string,
  pipelineId: string,
): Promise<Attempt | undefined> {
  const deals = await dealsOfInvoice(deps.db, invoiceKey);
  if (deals.length === 0)
    return { status: "skipped", result: `not linked to a deal, so not in pipeline ${pipelineId}` };
  const portal = await findPortal(deps.db, portalId);
  if (!portal || portal.status !== "active")
    return { status: "failed", result: "HubSpot is not connected: the deal's pipeline cannot be read" };
  const http = deps.clients.hubspot(portal);
  const seen: string[] = [];
  for (const dealId of deals) {
    const read = await getObject(http, "deals", dealId, ["pipeline"]);
    const deal = read.ok ? parseDeal(read.value) : read;
    if (!deal.ok)
      return {
        status: "failed",
        result: `HubSpot deal ${dealId}: ${deal.error.message}`,
        retryable: deal.error.retryable,
      };
    const pipeline = deal.value.pipelineId ?? "";
    if (pipeline === pipelineId) return undefined;
    seen.push(`deal ${dealId} is in pipeline ${pipeline || "(none)"}`);
  }
  return { status: "skipped", result: `${seen.join("; ")}, not ${pipelineId}` };
}
