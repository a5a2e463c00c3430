export { countFailures, recordLedger, recordLedgerMany, type LedgerEntry, type VendorCall } from "./repo.ts";
export { activityRoutes } from "./routes.tsx";
