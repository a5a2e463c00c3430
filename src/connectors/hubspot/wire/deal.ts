import type { z } from "zod";
import type { Deal } from "../../../domain/crm.ts";
import { base, compact, crmObject, dayProp, numberProp, textProp } from "./common.ts";
import { wireParser } from "./parse.ts";

/**
 * A HubSpot deal (https://developers.hubspot.com/docs/api/crm/deals): its name for the wizard, its
 * owner and pipeline for the reports (W4). Ask for `DEAL_PROPERTIES`.
 */
export const DEAL_PROPERTIES = [
  "dealname",
  "amount",
  "deal_currency_code",
  "dealstage",
  "pipeline",
  "hubspot_owner_id",
  "closedate",
] as const;

/**
 * What the reports' deal facts read (W4): the owner and the pipeline only, so a value they do not
 * use (a malformed amount, say) cannot cost them the facts they do.
 */
export const DEAL_REPORT_PROPERTIES = ["hubspot_owner_id", "pipeline"] as const;

/** The deal's name, which a workflow action asks HubSpot to send along with the deal. */
export const DEAL_NAME_PROPERTY = "dealname";

export const dealWire = crmObject({
  dealname: textProp,
  amount: numberProp,
  deal_currency_code: textProp,
  dealstage: textProp,
  pipeline: textProp,
  hubspot_owner_id: textProp,
  closedate: dayProp,
});
export type DealWire = z.output<typeof dealWire>;

export function toDeal(d: DealWire): Deal {
  const p = d.properties;
  return compact({
    ...base(d),
    name: p.dealname,
    amount: p.amount,
    currency: p.deal_currency_code?.toUpperCase(),
    stageId: p.dealstage,
    pipelineId: p.pipeline,
    ownerId: p.hubspot_owner_id,
    closeDate: p.closedate,
  });
}

const parser = wireParser("deals", dealWire, toDeal);
export const parseDeal = parser.one;
export const parseDeals = parser.list;
export const partitionDeals = parser.each;
