import type { AppliedChange } from "../handlers/pull-qbo-changes.ts";
import type { VendorError } from "../../connectors/http-client.ts";

/** Ledger outcomes for the record syncs, in one shape (sync/handlers/pull-qbo-changes.ts). */
export const done = (decision: string): AppliedChange => ({ decision, outcome: "ok" });
export const skipped = (decision: string): AppliedChange => ({ decision, outcome: "skipped" });
export const failed = (decision: string, error: VendorError): AppliedChange => ({
  decision,
  outcome: "failed",
  errorCategory: error.kind,
  errorMessage: error.message,
});
