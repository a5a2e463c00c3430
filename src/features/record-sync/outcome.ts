import type { AppliedChange } from "../changes/index.ts";
import type { VendorError } from "../../connectors/http-client.ts";

/** Ledger outcomes for the record syncs, in one shape (changes/pull-qbo-changes.ts records them). */
export const done = (decision: string): AppliedChange => ({ decision, outcome: "ok" });
export const skipped = (decision: string): AppliedChange => ({ decision, outcome: "skipped" });
export const failed = (decision: string, error: VendorError): AppliedChange => ({
  decision,
  outcome: "failed",
  errorCategory: error.kind,
  errorMessage: error.message,
});

/**
 * A failure that a retry may cure (throttled, unreachable) throws, so the job is retried with the
 * checkpoint unmoved; any other is recorded as this record's failed outcome.
 */
export function retryOr(decision: string, error: VendorError): AppliedChange {
  if (error.retryable) throw new Error(`${decision}: ${error.message}`);
  return failed(decision, error);
}
