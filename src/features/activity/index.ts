/**
 * The Activity feature: the sync ledger every decision writes to, and its page (filters, retries).
 * Other features record their decisions through `recordLedger`.
 * This file is the feature's only public surface: other features import nothing else from it.
 */
export { countFailures, recordLedger, recordLedgerMany, type LedgerEntry, type VendorCall } from "./repo.ts";
export { activityRoutes } from "./routes.tsx";
