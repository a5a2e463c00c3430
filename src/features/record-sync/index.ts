/**
 * The record-sync feature: contacts and companies with customers, products with items, both ways,
 * change by change and as an initial sync; its identity module is how anything matches records.
 * This file is the feature's only public surface: other features import nothing else from it.
 */
export {
  contactFilterFailure,
  contactFilterFailureOf,
  filterProperties,
  type FilterFailure,
} from "./filters.ts";
export {
  keysOf,
  lookup,
  judge,
  KeyIndex,
  matchCustomer,
  type MatchResult,
  norm,
  sameText,
  uniqueDisplayName,
  type Identity,
  type MatchKey,
} from "./identity/index.ts";
export { initialSyncRoutes } from "./initial/routes.tsx";
export { InitialSection } from "./pages/initial-pages.tsx";
export { initialSyncsOf, type InitialSyncRow } from "./repo/initial-syncs.ts";
export { linksOf, saveLink } from "./repo/record-links.ts";
export { closeReview, openReviews, type ReviewItemRow } from "./repo/review-items.ts";
export { parseReviewReason, type ReviewReason } from "./review-reason.ts";
export { RECONCILED_OBJECTS } from "./hubspot-reconcile.ts";
export { initialSync, reconcileHubSpotRecords, recordSyncJobs, recordSyncRules } from "./jobs.ts";
export { claimKeyOf, findCustomerByIdentity, withCustomerClaim, type ClaimDeps } from "./customer-claims.ts";
