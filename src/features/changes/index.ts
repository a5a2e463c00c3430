export { processHubSpotEventsHandler, type HubSpotEventRule } from "./hubspot-events.ts";
export {
  pollHubSpot,
  processHubSpotEvents,
  pullQboChanges,
  reconcileAll,
  reconcileHubSpotRecords,
  refreshAllCompanyInfo,
  refreshCompanyInfo,
  setupHubSpotPortal,
} from "./jobs.ts";
export { pollHubSpotHandler, type HubSpotRecordRule } from "./poll-hubspot.ts";
export { pullQboChangesHandler, type AppliedChange, type QboChangeRule } from "./pull-qbo-changes.ts";
export { readCheckpoint, writeCheckpoint } from "./repo.ts";
export { webhookRoutes } from "./routes.ts";
export { reconcileAllHandler, refreshAllCompanyInfoHandler } from "./timers.ts";
