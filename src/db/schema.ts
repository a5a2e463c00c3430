import type { ColumnType, Generated } from "kysely";

/** Table types as Kysely sees them (camelCase; the CamelCasePlugin maps to snake_case columns). */
export interface DB {
  instanceSettings: InstanceSettingsTable;
  workerHeartbeats: WorkerHeartbeatsTable;
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
