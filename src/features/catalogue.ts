import type { Database } from "../db/kysely.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../lib/logger.ts";
import type { SealedStore } from "../lib/sealed-secrets.ts";
import type { DeveloperAccess } from "../connectors/hubspot/subscriptions.ts";
import type { AnyJob, Enqueuer, HandledJob, Handlers } from "../queue/catalogue.ts";
import {
  automationJobs,
  slackUrlStore,
  webhookSecretStore,
  type AutomationDeps,
} from "./automations/index.ts";
import { changeJobs, type ChangeRules } from "./changes/index.ts";
import {
  connectionJobs,
  portalTokenStore,
  qboTokenStore,
  runGated,
  type ResumingQueue,
  type VendorClients,
} from "./connections/index.ts";
import { healthJobs } from "./health/index.ts";
import { invoiceJobs, invoiceRules, type PushDeps, type TimelineDeps } from "./invoices/index.ts";
import { recordSyncJobs, recordSyncRules } from "./record-sync/index.ts";
import { settingsJobs } from "./settings/index.ts";
import { workflowActionJobs } from "./workflow-action/index.ts";

/**
 * The one place where the features' work is composed: every job Ledgerlink runs (each declared
 * beside its handler in its feature's jobs.ts) and the rules run on each QBO change and HubSpot
 * event, in the order listed here.
 */
export interface HandlerDeps {
  db: Database;
  logger: Logger;
  clock: Clock;
  clients: VendorClients;
  queue: Enqueuer;
  /** Extra rules after the features' own (tests). */
  qboRules?: ChangeRules["qbo"];
  hubspotRules?: ChangeRules["hubspot"];
  hubspotRecordRules?: ChangeRules["hubspotRecords"];
  /** Tests only: a fault between QBO's answer and our commit in push-invoice. */
  afterQboCreate?: PushDeps["afterQboCreate"];
  /** Outbound fetch, mailer and secret box for invoice automations (and health notices). */
  automations?: AutomationDeps;
  /** Failures in a row that make a sync "keep failing" (HEALTH_FAILURE_THRESHOLD). */
  failureThreshold?: number;
  /** How long an initial sync may go without saving a batch (SYNC_STALL_TIMEOUT_SECONDS), in ms. */
  syncStallTimeoutMs?: number;
  /** Where notices point users to (PUBLIC_URL). */
  publicUrl?: string;
  /** HubSpot app-level access for the invoice timeline events (ADR 0038); none without a developer key. */
  timeline?: TimelineDeps["timeline"];
  /** HubSpot's developer API (HUBSPOT_DEVELOPER_API_KEY): the webhook subscriptions follow the mappings. */
  hubspotDeveloper?: DeveloperAccess;
}

type Deps = HandlerDeps & { rules: ChangeRules };

// Each entry's payload type differs; the queue checks payloads against the job's schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const handled: Array<HandledJob<any, Deps>> = [
  ...changeJobs,
  ...connectionJobs,
  ...invoiceJobs,
  ...recordSyncJobs,
  ...automationJobs,
  ...workflowActionJobs,
  ...healthJobs,
  ...settingsJobs,
];

export const jobCatalogue: AnyJob[] = handled.map((h) => h.job);

function composeRules(deps: HandlerDeps): ChangeRules {
  const declared = [invoiceRules(deps), recordSyncRules(deps)];
  return {
    qbo: [...declared.flatMap((r) => r.qbo ?? []), ...(deps.qboRules ?? [])],
    hubspot: [...declared.flatMap((r) => r.hubspot ?? []), ...(deps.hubspotRules ?? [])],
    hubspotRecords: [...declared.flatMap((r) => r.hubspotRecords ?? []), ...(deps.hubspotRecordRules ?? [])],
  };
}

export function jobHandlers(deps: HandlerDeps): Handlers {
  const full: Deps = { ...deps, rules: composeRules(deps) };
  // Every job runs behind the gate (ADR 0033): work for a connection that needs reconnecting, or
  // for a portal not set up yet, waits for it instead of failing.
  const resuming: Partial<ResumingQueue> = "enqueueByName" in deps.queue ? (deps.queue as ResumingQueue) : {};
  const gate = { db: deps.db, clock: deps.clock, queue: resuming };
  return Object.fromEntries(
    handled.map((h) => [h.job.name, (ctx) => runGated(gate, h.job.name, ctx, () => h.run(full, ctx))]),
  );
}

/**
 * Every column Ledgerlink keeps sealed, each exposed by the feature that owns its table: what the
 * start-up key check opens, `ledgerlink rekey` re-seals and doctor and status count. A feature that
 * seals a new column adds its store here.
 */
export function sealedSecretStores(db: Database): SealedStore[] {
  return [portalTokenStore(db), qboTokenStore(db), webhookSecretStore(db), slackUrlStore(db)];
}
