import { z } from "zod";
import {
  webhookSubscriptionsApi,
  type DeveloperAccess,
  type HubSpotSubscription,
} from "../../connectors/hubspot/subscriptions.ts";
import type { Database } from "../../db/kysely.ts";
import { defineJob, type JobContext } from "../../queue/catalogue.ts";
import { defaultMappings, subscriptionsForMappings } from "./subscription-needs.ts";
import { listAllMappedProperties } from "./repo/field-mappings.ts";

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

export { DEFAULT_SUBSCRIPTIONS, subscriptionsForMappings } from "./subscription-needs.ts";
