/**
 * The changes feature: how vendor signals come in (verified webhooks, the QBO change pull, HubSpot
 * events, polling, the reconcile timer). Other features plug in through the `ChangeRules` they declare.
 * This file is the feature's only public surface: other features import nothing else from it.
 */
export type { HubSpotEventRule } from "./hubspot-events.ts";
export {
  changeJobs,
  pollHubSpot,
  processHubSpotEvents,
  pullQboChanges,
  reconcileAll,
  type ChangeRules,
} from "./jobs.ts";
export type { HubSpotRecordRule } from "./poll-hubspot.ts";
export { type AppliedChange, type QboChangeRule, WATCHED_ENTITIES } from "./pull-qbo-changes.ts";
export { oldestUnprocessedChanges, readCheckpoint, writeCheckpoint } from "./repo.ts";
export { webhookRoutes } from "./routes.ts";
