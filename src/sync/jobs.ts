import type { Database } from "../db/kysely.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../lib/logger.ts";
import type { AnyJob, Enqueuer, Handlers } from "../queue/catalogue.ts";
import { refreshCompanyInfoHandler } from "./handlers/company-info.ts";
import { processHubSpotEventsHandler, type HubSpotEventRule } from "./handlers/hubspot-events.ts";
import { pullQboChangesHandler, type QboChangeRule } from "./handlers/pull-qbo-changes.ts";
import { setupPortalHandler } from "./handlers/setup-portal.ts";
import { reconcileAllHandler, refreshAllCompanyInfoHandler } from "./handlers/timers.ts";
import {
  processHubSpotEvents,
  pullQboChanges,
  reconcileAll,
  refreshAllCompanyInfo,
  pollHubSpot,
  reconcileHubSpotRecords,
  refreshCompanyInfo,
  setupHubSpotPortal,
} from "./job-defs.ts";
import { reconcileHubSpotRecordsHandler } from "./handlers/hubspot-reconcile.ts";
import { pollHubSpotHandler, type HubSpotRecordRule } from "./handlers/poll-hubspot.ts";
import type { VendorClients } from "./vendor-clients.ts";
import { updateDealPropertiesHandler } from "./invoices/deal-sync.ts";
import { mirrorInvoice, overduePass, pushInvoice, updateDealProperties } from "./invoices/job-defs.ts";
import { mirrorInvoiceHandler } from "./invoices/mirror.ts";
import { overduePassHandler } from "./invoices/overdue.ts";
import { pushInvoiceHandler, type PushDeps } from "./invoices/push.ts";
import { invoiceChangeRule } from "./invoices/qbo-rule.ts";
import { recordChangeRule, recordEventRule } from "./records/rules.ts";
import { initialSync } from "./initial/job-defs.ts";
import { initialSyncHandler } from "./initial/run.ts";
import { paymentChangeRule } from "./invoices/payment-rule.ts";
import { backfillPayments, backfillPaymentsHandler } from "./invoices/payment-backfill.ts";
import type { AutomationDeps } from "./automations/actions.ts";
import { deliverAutomationHandler } from "./automations/deliver.ts";
import { deliverAutomation } from "./automations/job-defs.ts";
import { runWorkflowAction } from "./workflow/job-defs.ts";
import { runWorkflowActionHandler } from "./workflow/run.ts";

/**
 * The job catalogue: every job Ledgerlink runs, with its payload schema and queue policy.
 * Handlers live in sync/handlers/, one file per job.
 */
export const jobCatalogue: AnyJob[] = [
  pullQboChanges,
  processHubSpotEvents,
  setupHubSpotPortal,
  refreshCompanyInfo,
  reconcileAll,
  refreshAllCompanyInfo,
  pollHubSpot,
  pushInvoice,
  updateDealProperties,
  overduePass,
  mirrorInvoice,
  initialSync,
  backfillPayments,
  deliverAutomation,
  reconcileHubSpotRecords,
  runWorkflowAction,
];

export interface HandlerDeps {
  db: Database;
  logger: Logger;
  clock: Clock;
  clients: VendorClients;
  queue: Enqueuer;
  /** Sync rules, applied in order to each QBO change / HubSpot event (the capabilities add theirs). */
  qboRules?: QboChangeRule[];
  hubspotRules?: HubSpotEventRule[];
  hubspotRecordRules?: HubSpotRecordRule[];
  /** Tests only: a fault between QBO's answer and our commit in push-invoice. */
  afterQboCreate?: PushDeps["afterQboCreate"];
  /** Outbound fetch, mailer and secret box for invoice automations (W3). */
  automations?: AutomationDeps;
}

export function jobHandlers(deps: HandlerDeps): Handlers {
  const base = { db: deps.db, clock: deps.clock, clients: deps.clients };
  const qboRules = [
    invoiceChangeRule({ ...base, queue: deps.queue }),
    recordChangeRule(base),
    paymentChangeRule(base), // W4: payment dates for the reports
    ...(deps.qboRules ?? []),
  ];
  const hubspotRules = [recordEventRule(base), ...(deps.hubspotRules ?? [])];
  return {
    [pullQboChanges.name]: (ctx) => pullQboChangesHandler({ ...base, rules: qboRules }, ctx),
    [processHubSpotEvents.name]: (ctx) => processHubSpotEventsHandler({ ...base, rules: hubspotRules }, ctx),
    [setupHubSpotPortal.name]: (ctx) => setupPortalHandler(base, ctx),
    [refreshCompanyInfo.name]: (ctx) => refreshCompanyInfoHandler(base, ctx),
    [reconcileAll.name]: () => reconcileAllHandler(deps),
    [refreshAllCompanyInfo.name]: () => refreshAllCompanyInfoHandler(deps),
    [pollHubSpot.name]: (ctx) => pollHubSpotHandler({ ...base, rules: deps.hubspotRecordRules ?? [] }, ctx),
    [pushInvoice.name]: (ctx) =>
      pushInvoiceHandler({ ...base, queue: deps.queue, afterQboCreate: deps.afterQboCreate }, ctx),
    [updateDealProperties.name]: (ctx) => updateDealPropertiesHandler(base, ctx),
    [overduePass.name]: (ctx) => overduePassHandler({ ...base, queue: deps.queue }, ctx),
    [mirrorInvoice.name]: (ctx) => mirrorInvoiceHandler(base, ctx),
    [initialSync.name]: (ctx) => initialSyncHandler(base, ctx),
    [backfillPayments.name]: (ctx) => backfillPaymentsHandler(base, ctx),
    [deliverAutomation.name]: (ctx) =>
      deliverAutomationHandler({ ...base, automations: deps.automations }, ctx),
    [reconcileHubSpotRecords.name]: (ctx) => reconcileHubSpotRecordsHandler(base, ctx),
    [runWorkflowAction.name]: (ctx) => runWorkflowActionHandler({ ...base, queue: deps.queue }, ctx),
  };
}
