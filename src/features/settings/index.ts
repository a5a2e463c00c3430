/**
 * The settings feature: each QBO company's sync settings (read fresh by every decision), the review
 * list, and the field mappings with their field-by-field plan.
 * This file is the feature's only public surface: other features import nothing else from it.
 */
export { settingsJobs, syncHubSpotSubscriptions } from "./jobs.ts";
export { mappingRoutes } from "./mapping-routes.tsx";
export { planFields, rememberWritten, same, type Values } from "./mapping/plan.ts";
export { qboField, readQboPath, type QboField, writeQboPath } from "./mapping/qbo-fields.ts";
export { listMappings } from "./repo/field-mappings.ts";
export { syncRoutes } from "./routes.tsx";
export {
  flowsToHubSpot,
  flowsToQbo,
  type Condition,
  type ContactFilters,
  type ContactSettings,
  type SyncSettings,
} from "./schema.ts";
export { loadSettings } from "./store.ts";
export { DEFAULT_SUBSCRIPTIONS, subscriptionsForMappings, wantedSubscriptions } from "./subscriptions.ts";
