import type { Database } from "../db/kysely.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../lib/logger.ts";
import type { AnyJob, Enqueuer, Handlers } from "../queue/catalogue.ts";
import { refreshCompanyInfoHandler } from "./connections/index.ts";
import { processHubSpotEventsHandler, type HubSpotEventRule } from "./changes/index.ts";
import { pullQboChangesHandler, type QboChangeRule } from "./changes/index.ts";
import { setupPortalHandler } from "./connections/index.ts";
import { reconcileAllHandler, refreshAllCompanyInfoHandler } from "./changes/index.ts";
import {
  processHubSpotEvents,
  pullQboChanges,
  reconcileAll,
  refreshAllCompanyInfo,
  pollHubSpot,
  reconcileHubSpotRecords,
  refreshCompanyInfo,
  setupHubSpotPortal,
} from "./changes/index.ts";
import { reconcileHubSpotRecordsHandler } from "./record-sync/index.ts";
import { pollHubSpotHandler, type HubSpotRecordRule } from "./changes/index.ts";
import type { VendorClients } from "./connections/index.ts";
import { updateDealPropertiesHandler } from "./invoices/index.ts";
import { mirrorInvoice, overduePass, pushInvoice, updateDealProperties } from "./invoices/index.ts";
import { mirrorInvoiceHandler } from "./invoices/index.ts";
import { overduePassHandler } from "./invoices/index.ts";
import { pushInvoiceHandler, type PushDeps } from "./invoices/index.ts";
import { invoiceChangeRule } from "./invoices/index.ts";
import { recordChangeRule, recordEventRule } from "./record-sync/index.ts";
import { initialSync } from "./record-sync/index.ts";
import { initialSyncHandler } from "./record-sync/index.ts";
import { paymentChangeRule } from "./invoices/index.ts";
import { backfillPayments, backfillPaymentsHandler } from "./invoices/index.ts";
import type { AutomationDeps } from "./automations/index.ts";
import { deliverAutomationHandler } from "./automations/index.ts";
import { deliverAutomation } from "./automations/index.ts";
import { runWorkflowAction } from "./workflow-action/index.ts";
import { runWorkflowActionHandler } from "./workflow-action/index.ts";

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
