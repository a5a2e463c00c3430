import type { ColumnType, Generated } from "kysely";
import type { AutomationFiringsTable, AutomationRulesTable } from "./automations.ts";
import type { HealthIncidentsTable } from "./health.ts";
import type { CustomerClaimsTable, ParkedJobsTable } from "./waiting.ts";
import type { WorkflowExecutionsTable } from "./workflows.ts";

/** Table types as Kysely sees them (camelCase; the CamelCasePlugin maps to snake_case columns). */
export interface DB {
  instanceSettings: InstanceSettingsTable;
  workerHeartbeats: WorkerHeartbeatsTable;
  jobProgress: JobProgressTable;
  portals: PortalsTable;
  users: UsersTable;
  sessions: SessionsTable;
  oauthStates: OauthStatesTable;
  qboConnections: QboConnectionsTable;
  webhookInbox: WebhookInboxTable;
  syncLedger: SyncLedgerTable;
  syncCheckpoints: SyncCheckpointsTable;
  rateWindows: RateWindowsTable;
  invoices: InvoicesTable;
  invoiceLinks: InvoiceLinksTable;
  invoiceDrafts: InvoiceDraftsTable;
  dealPropertyWrites: DealPropertyWritesTable;
  syncSettings: SyncSettingsTable;
  recordLinks: RecordLinksTable;
  fieldMappings: FieldMappingsTable;
  reviewItems: ReviewItemsTable;
  initialSyncs: InitialSyncsTable;
  initialSyncIndex: InitialSyncIndexTable;
  paymentApplications: PaymentApplicationsTable;
  dealFacts: DealFactsTable;
  automationRules: AutomationRulesTable;
  automationFirings: AutomationFiringsTable;
  workflowExecutions: WorkflowExecutionsTable;
  healthIncidents: HealthIncidentsTable;
  parkedJobs: ParkedJobsTable;
  customerClaims: CustomerClaimsTable;
}

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Facts about this Ledgerlink installation (e.g. when it was first started). */
export interface InstanceSettingsTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updatedAt: Timestamp;
}

/** One row per worker process, refreshed by the heartbeat job; `ledgerlink status` reads it. */
export interface WorkerHeartbeatsTable {
  workerId: string;
  hostname: string;
  pid: number;
  startedAt: Timestamp;
  lastSeenAt: Timestamp;
  jobsCompleted: Generated<number>;
}

/** When an unfinished job last moved forward; its stall timer (queue/progress.ts, ADR 0030). */
export interface JobProgressTable {
  jobId: string;
  jobName: string;
  lastProgressAt: Timestamp;
}

export type ConnectionStatus = "active" | "needs_reconnect";

/** A connected HubSpot account. Tokens are sealed (lib/crypto.ts), never stored in clear. */
export interface PortalsTable {
  portalId: string;
  appId: string;
  companyCurrency: string;
  timeZone: ColumnType<string, string | undefined, string>;
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: Timestamp;
  scopes: ColumnType<string[], string, string>;
  status: ColumnType<ConnectionStatus, ConnectionStatus | undefined, ConnectionStatus>;
  statusReason: string | null;
  setupCompletedAt: Timestamp | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface UsersTable {
  userId: string;
  portalId: string;
  hubspotUserId: string;
  email: string;
  locale: string | null;
  createdAt: Timestamp;
  lastSignInAt: Timestamp;
}

/** Only a hash of the session token is stored: a database leak does not sign anyone in. */
export interface SessionsTable {
  sessionHash: string;
  userId: string;
  portalId: string;
  createdAt: Timestamp;
  expiresAt: Timestamp;
}

export interface OauthStatesTable {
  stateHash: string;
  purpose: "hubspot-signin" | "qbo-connect";
  portalId: string | null;
  userId: string | null;
  returnTo: ColumnType<string, string | undefined, string>;
  expiresAt: Timestamp;
}

export interface QboConnectionsTable {
  connectionId: string;
  portalId: string;
  realmId: string;
  companyName: string;
  country: string;
  homeCurrency: string;
  multiCurrency: boolean;
  customTxnNumbers: boolean;
  /** IANA zone from CompanyInfo.DefaultTimeZone: "overdue" turns at the company's midnight (S1). */
  timeZone: ColumnType<string, string | undefined, string>;
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: Timestamp;
  refreshExpiresAt: Timestamp;
  status: ColumnType<ConnectionStatus, ConnectionStatus | undefined, ConnectionStatus>;
  statusReason: string | null;
  infoRefreshedAt: Timestamp;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface WebhookInboxTable {
  id: Generated<string>;
  vendor: "hubspot" | "qbo";
  accountId: string;
  dedupeKey: string;
  payload: ColumnType<unknown, string, string>;
  receivedAt: Timestamp;
  processedAt: Timestamp | null;
}

/** One row per decision the engine took about one record: what triggered it, what it did, how it ended. */
export interface SyncLedgerTable {
  id: Generated<string>;
  portalId: string;
  connectionId: string | null;
  objectType: string;
  objectId: string | null;
  trigger: string;
  decision: string;
  outcome: "ok" | "failed" | "skipped";
  vendorCalls: ColumnType<unknown[], string | undefined, string>;
  errorCategory: string | null;
  errorMessage: string | null;
  retryJob: ColumnType<unknown, string | null | undefined, string | null>;
  jobId: string | null;
  requestId: string | null;
  at: Timestamp;
}

export interface SyncCheckpointsTable {
  key: string;
  cursor: string;
  updatedAt: Timestamp;
}

/** A sliding window of grants shared by every worker (connectors/rate-budget.ts, db/rate-budgets.ts). */
export interface RateWindowsTable {
  key: string;
  /** Epoch milliseconds of the recent grants, oldest first. */
  grants: Generated<number[]>;
  /** Epoch milliseconds until which the window grants nothing (after a vendor 429); 0 when open. */
  pausedUntil: Generated<number>;
}

export type InvoiceStateColumn = "awaiting_send" | "sent" | "partially_paid" | "paid" | "overdue" | "voided";

/**
 * A QBO invoice Ledgerlink follows: created by the wizard (origin "wizard"), added by a user, or synced (V1)
 * ("added", E1). Facts are QBO's; `state` is derived from them (features/invoices/status.ts, S1).
 * `invoiceKey` is `<connectionId>:<qboInvoiceId>`: QBO ids are only unique within a company.
 */
export interface InvoicesTable {
  invoiceKey: string;
  portalId: string;
  connectionId: string;
  realmId: string;
  qboInvoiceId: string;
  docNumber: string | null;
  customerId: string;
  customerName: string;
  currency: string;
  /** numeric(18,2): read back as a string by both drivers, so money never passes through a float. */
  totalAmt: ColumnType<string, string | number, string | number>;
  balance: ColumnType<string, string | number, string | number>;
  txnDate: string | null;
  dueDate: string | null;
  emailStatus: string | null;
  printStatus: string | null;
  deliveredAt: string | null;
  privateNote: string | null;
  deleted: ColumnType<boolean, boolean | undefined, boolean>;
  state: InvoiceStateColumn;
  origin: "wizard" | "added" | "synced";
  /** MetaData.LastUpdatedTime: with several invoices on a deal, the latest drives it (S3). */
  qboUpdatedAt: Timestamp;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** A HubSpot record (deal, contact, company) an invoice is associated with (E2). */
export interface InvoiceLinksTable {
  invoiceKey: string;
  portalId: string;
  objectType: "deals" | "contacts" | "companies";
  objectId: string;
  createdAt: Timestamp;
  /** The HubSpot invoice object last associated with this record (mirror-invoice); null before. */
  associatedWith: ColumnType<string | null, string | null | undefined, string | null>;
}

export type DraftStatus = "editing" | "submitting" | "created";

/**
 * The wizard's state, one open draft per deal and HubSpot user (I1–I7); `data` is
 * features/invoices/wizard/draft.ts.
 */
export interface InvoiceDraftsTable {
  draftId: string;
  portalId: string;
  dealId: string;
  hubspotUserId: string;
  status: DraftStatus;
  step: string;
  data: ColumnType<unknown, string, string>;
  /** The last creation failure, in words for the user; the draft is kept (I10). */
  error: string | null;
  invoiceKey: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  closedAt: Timestamp | null;
}

/** What Ledgerlink last wrote to a deal's five properties (S2): an unchanged answer is not re-sent. */
export interface DealPropertyWritesTable {
  portalId: string;
  dealId: string;
  properties: ColumnType<unknown, string, string>;
  writtenAt: Timestamp;
}

/** A QBO company's sync settings (C1–C5, P1–P3, V1, X1); `settings` is features/settings/schema.ts. */
export interface SyncSettingsTable {
  connectionId: string;
  settings: ColumnType<unknown, string, string>;
  updatedAt: Timestamp;
}

export type LinkKind = "contact" | "company" | "product";

/**
 * One HubSpot record linked to one QBO record. `toHubspot` / `toQbo` hold the mapped values
 * Ledgerlink last wrote to each side: a change that equals them is our own echo.
 */
export interface RecordLinksTable {
  connectionId: string;
  kind: LinkKind;
  qboId: string;
  hubspotId: string;
  toHubspot: ColumnType<unknown, string | undefined, string>;
  toQbo: ColumnType<unknown, string | undefined, string>;
  /** The last value both sides agreed on, by mapped pair (ADR 0034). */
  agreed: ColumnType<unknown, string | undefined, string>;
  archived: ColumnType<boolean, boolean | undefined, boolean>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export type MappingObject = "contact" | "product" | "invoice";
export type MappingDirection = "to_hubspot" | "to_qbo" | "both";

/** A HubSpot property ↔ QBO field pair (M1–M2); defaults are seeded per company and marked. */
export interface FieldMappingsTable {
  mappingId: string;
  connectionId: string;
  object: MappingObject;
  hubspotProperty: string;
  qboField: string;
  direction: MappingDirection;
  isDefault: boolean;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** A record the sync would not guess about (two candidates, no safe key): the user decides. */
export interface ReviewItemsTable {
  reviewId: string;
  connectionId: string;
  kind: LinkKind;
  side: "hubspot" | "qbo";
  recordId: string;
  label: string;
  reason: string;
  candidates: ColumnType<unknown, string, string>;
  status: "open" | "resolved" | "dismissed";
  createdAt: Timestamp;
  resolvedAt: Timestamp | null;
}

/** An explicit first-time backfill (C4): planned, started, paused, resumed, finished. */
export interface InitialSyncsTable {
  syncId: string;
  connectionId: string;
  object: "contacts" | "products";
  direction: "two_way" | "to_hubspot" | "to_qbo";
  status: "running" | "paused" | "done" | "failed";
  plan: ColumnType<unknown, string, string>;
  progress: ColumnType<unknown, string, string>;
  error: string | null;
  startedAt: Timestamp;
  updatedAt: Timestamp;
  finishedAt: Timestamp | null;
}

/** What an initial sync phase knows of its target side, kept so a resume need not read it again (ADR 0047). */
export interface InitialSyncIndexTable {
  syncId: string;
  phase: "to_hubspot" | "to_qbo";
  kind: "read" | "chunk";
  seq: number;
  entries: ColumnType<unknown, string, string>;
  savedAt: Timestamp;
}

/** The part of one QBO payment applied to one invoice (W4: collected per month, days to pay). */
export interface PaymentApplicationsTable {
  connectionId: string;
  qboPaymentId: string;
  qboInvoiceId: string;
  invoiceKey: string;
  portalId: string;
  /** The payment's TxnDate (a calendar date in the company's books). */
  txnDate: string;
  amount: ColumnType<string, string | number, string | number>;
  currency: string;
  qboUpdatedAt: Timestamp;
  recordedAt: Timestamp;
}

/** A deal's owner and pipeline as HubSpot last told us (W4: revenue by owner and by pipeline). */
export interface DealFactsTable {
  portalId: string;
  dealId: string;
  ownerId: string | null;
  ownerName: string | null;
  pipelineId: string | null;
  pipelineLabel: string | null;
  refreshedAt: Timestamp;
}
