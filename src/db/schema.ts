import type { ColumnType, Generated } from "kysely";

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
