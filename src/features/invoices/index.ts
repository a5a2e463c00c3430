/**
 * The invoices feature: the CRM card, the create-invoice wizard, "Add existing invoice", each invoice's
 * status and the deal's properties, the overdue pass, the HubSpot invoice mirror and payments.
 * This file is the feature's only public surface: other features import nothing else from it.
 */
export { addExistingRoutes } from "./add-existing/routes.tsx";
export { cardRoutes } from "./card/routes.ts";
export { createUniqueCustomer } from "./customer.ts";
export { invoiceBody } from "./invoice-body.ts";
export { dealsOfInvoice } from "./repo/links.ts";
export { invoiceRoutes } from "./routes.tsx";
export { trackInvoices } from "./track.ts";
export { partyFromCompany, partyFromContact, type Party, wantedDisplayName } from "./wizard/customer.ts";
export type { CompleteDraft, DraftLine } from "./wizard/draft.ts";
export { lineItemsWithItems } from "./wizard/hubspot.ts";
export { wizardRoutes } from "./wizard/routes.tsx";
export { draftLinesFrom } from "./wizard/rules.ts";
export {
  backfillPayments,
  invoiceJobs,
  invoiceRules,
  mirrorInvoice,
  overduePass,
  pushInvoice,
  updateDealProperties,
  writeTimelineEvents,
} from "./jobs.ts";
export type { PushDeps } from "./push.ts";
export { timelineInvoiceUrl, type TimelineDeps } from "./timeline.ts";
