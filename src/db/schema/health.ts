import type { ColumnType } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Why an incident is open: a refresh was refused for good, or a sync failed N times in a row. */
export type IncidentKind = "needs_reconnect" | "sync_failing";

/** One health incident (migration 0009, ADR 0028): open until resolved, notified once. */
export interface HealthIncidentsTable {
  incidentId: string;
  portalId: string;
  kind: IncidentKind;
  subject: string;
  vendor: "hubspot" | "qbo";
  connectionId: string | null;
  objectType: string | null;
  detail: string;
  failures: ColumnType<number, number | undefined, number>;
  openedAt: Timestamp;
  notifiedAt: Timestamp | null;
  resolvedAt: Timestamp | null;
}
