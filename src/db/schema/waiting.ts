import type { ColumnType } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** A job waiting for a reconnect or a portal's set-up (migration 0013, ADR 0033). */
export interface ParkedJobsTable {
  waitsFor: string;
  jobName: string;
  payload: string;
  reason: string;
  parkedAt: Timestamp;
}

/** A lease on creating the QBO customer of one identity in one company (migration 0013). */
export interface CustomerClaimsTable {
  realmId: string;
  identityKey: string;
  holder: string;
  expiresAt: Timestamp;
  customerId: string | null;
  customerAt: Timestamp | null;
}
