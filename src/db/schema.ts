import type { ColumnType, Generated } from "kysely";
import type { AutomationFiringsTable, AutomationRulesTable } from "./schema-automations.ts";

/** Table types as Kysely sees them (camelCase; the CamelCasePlugin maps to snake_case columns). */
export interface DB {
  instanceSettings: InstanceSettingsTable;
  workerHeartbeats: WorkerHeartbeatsTable;
  portals: PortalsTable;
  users: UsersTable;
  sessions: SessionsTable;
  oauthStates: OauthStatesTable;
  qboConnections: QboConnectionsTable;
  webhookInbox: WebhookInboxTable;
  syncLedger: SyncLedgerTable;
  syncCheckpoints: SyncCheckpointsTable;
  rateBudgets: RateBudgetsTable;
  invoices: InvoicesTable;
  invoiceLinks: InvoiceLinksTable;
  invoiceDrafts: InvoiceDraftsTable;
  dealPropertyWrites: DealPropertyWritesTable;
  automationRules: AutomationRulesTable;
  automationFirings: AutomationFiringsTable;
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

/** A token bucket shared by every worker (connectors/rate-budget.ts, db/repos/rate-budgets.ts). */
export interface RateBudgetsTable {
  key: string;
  tokens: number;
  updatedAt: Timestamp;
}

export type InvoiceStateColumn = "awaiting_send" | "sent" | "partially_paid" | "paid" | "overdue" | "voided";

/**
 * A QBO invoice Ledgerlink follows: created by the wizard (origin "wizard") or added by a user
 * ("added", E1). Facts are QBO's; `state` is derived from them (sync/status.ts, S1).
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
  origin: "wizard" | "added";
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
}

export type DraftStatus = "editing" | "submitting" | "created";

/** The wizard's state, one open draft per deal and HubSpot user (I1–I7); `data` is sync/invoice-draft.ts. */
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
