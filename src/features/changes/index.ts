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
export { readCheckpoint, writeCheckpoint } from "./repo.ts";
export { webhookRoutes } from "./routes.ts";
