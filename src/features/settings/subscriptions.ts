import { z } from "zod";
import {
  subscriptionsFor,
  webhookSubscriptionsApi,
  type DeveloperAccess,
  type HubSpotSubscription,
} from "../../connectors/hubspot/subscriptions.ts";
import type { Database } from "../../db/kysely.ts";
import type { MappingDirection, MappingObject } from "../../db/schema/index.ts";
import { defineJob, type JobContext } from "../../queue/catalogue.ts";
import { COMPANY_PROPERTY_OF } from "./mapping/company-properties.ts";
import { DEFAULT_MAPPINGS } from "./mapping/defaults.ts";
import { listAllMappedProperties } from "./repo/field-mappings.ts";

interface MappingLike {
  object: MappingObject;
  hubspotProperty: string;
  direction: MappingDirection;
}

/**
 * The webhook subscriptions the given mappings need (ADR 0042): a HubSpot edit of a property that a
 * mapping brings to QBO must arrive as a webhook, not wait for the reconcile. A contact mapping also
 * watches the company property of the same meaning (customers may sync as companies). Invoice
 * mappings flow to HubSpot only and need none.
 */
export function subscriptionsForMappings(mappings: readonly MappingLike[]): HubSpotSubscription[] {
  const toQbo = mappings.filter((m) => m.direction !== "to_hubspot");
  const of = (object: MappingObject) =>
    toQbo.filter((m) => m.object === object).map((m) => m.hubspotProperty);
  const contact = of("contact");
  return subscriptionsFor({
    contact,
    company: contact.flatMap((p) => (COMPANY_PROPERTY_OF[p] ? [COMPANY_PROPERTY_OF[p]] : [])),
    product: of("product"),
  });
}

const defaultMappings: MappingLike[] = Object.entries(DEFAULT_MAPPINGS).flatMap(([object, pairs]) =>
  pairs.map((p) => ({ ...p, object: object as MappingObject })),
);

/**
 * What the HubSpot project file (`hubspot-app/src/app/webhooks/webhooks-hsmeta.json`) declares: the
 * default mappings' needs, for an installation that cannot change its subscriptions by API.
 */
export const DEFAULT_SUBSCRIPTIONS: HubSpotSubscription[] = subscriptionsForMappings(defaultMappings);

/**
 * The app's subscriptions for this instance: the defaults (a company not yet set up uses them, and a
 * subscription too many costs one ignored event) and every mapping of every company, since HubSpot
 * subscriptions belong to the app, not to a portal.
 */
export async function wantedSubscriptions(db: Database): Promise<HubSpotSubscription[]> {
  return subscriptionsForMappings([...defaultMappings, ...(await listAllMappedProperties(db))]);
}

/** One waiting at a time: ten mapping edits in a row make one reconcile of the subscriptions. */
export const syncHubSpotSubscriptions = defineJob({
  name: "sync-hubspot-subscriptions",
  payload: z.object({}),
  singletonKey: () => "app",
  retry: { limit: 8, delaySeconds: 10, backoff: true },
});

export interface SubscriptionDeps {
  db: Database;
  /** Absent without HUBSPOT_DEVELOPER_API_KEY: the project file's subscriptions stand (docs/setup-hubspot.md). */
  hubspotDeveloper?: DeveloperAccess;
}

export async function syncHubSpotSubscriptionsHandler(
  deps: SubscriptionDeps,
  ctx: Pick<JobContext<unknown>, "log">,
): Promise<void> {
  if (!deps.hubspotDeveloper) {
    ctx.log.info(
      "no HubSpot developer API key: webhook subscriptions stay as the app's project file declares",
    );
    return;
  }
  const wanted = await wantedSubscriptions(deps.db);
  const done = await webhookSubscriptionsApi(deps.hubspotDeveloper).reconcile(wanted);
  ctx.log.info({ ...done, total: wanted.length }, "HubSpot webhook subscriptions follow the mappings");
}
