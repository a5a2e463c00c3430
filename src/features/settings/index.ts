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
