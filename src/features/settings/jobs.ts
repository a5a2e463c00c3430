import { handledJob } from "../../queue/catalogue.ts";
import {
  syncHubSpotSubscriptions,
  syncHubSpotSubscriptionsHandler,
  type SubscriptionDeps,
} from "./subscriptions.ts";

export { syncHubSpotSubscriptions };

/** The settings' one job: the app's HubSpot webhook subscriptions follow the field mappings (ADR 0040). */
export const settingsJobs = [
  handledJob(syncHubSpotSubscriptions, (d: SubscriptionDeps, ctx) => syncHubSpotSubscriptionsHandler(d, ctx)),
];
