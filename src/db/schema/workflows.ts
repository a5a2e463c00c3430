import type { ColumnType } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

/** pending: the job has work to do; succeeded / failed: outputs decided (callback maybe not yet sent). */
export type ExecutionStatus = "pending" | "succeeded" | "failed";

/** One execution of the "Create QuickBooks invoice" workflow action (W2), keyed by callbackId. */
export interface WorkflowExecutionsTable {
  callbackId: string;
  portalId: string;
  dealId: string;
  inputs: Json;
  status: ExecutionStatus;
  invoiceKey: string | null;
  /** `Record<string, string>`: the completion callback's output fields. */
  outputs: ColumnType<unknown, string | null | undefined, string | null>;
  /** When HubSpot accepted the completion (or the execution was answered synchronously). */
  completedAt: Timestamp | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}
