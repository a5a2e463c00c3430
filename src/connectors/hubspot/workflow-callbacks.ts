import { ok, type Result } from "../../lib/result.ts";
import type { HttpClient, VendorError } from "../http-client.ts";

/**
 * Ends a workflow execution that answered BLOCK (docs/vendors/hubspot.md §11):
 * `POST /automation/v4/actions/callbacks/{callbackId}/complete`. The current spec requires
 * `typedOutputs` beside `outputFields`, so both go. "gone" means there is nothing left to complete:
 * the execution was completed already or expired, which a rerun must treat as done.
 */
export async function completeCallback(
  http: HttpClient,
  callbackId: string,
  outputFields: Record<string, string>,
): Promise<Result<"completed" | "gone", VendorError>> {
  const res = await http.request({
    method: "POST",
    path: `/automation/v4/actions/callbacks/${encodeURIComponent(callbackId)}/complete`,
    body: { outputFields, typedOutputs: {} },
    // Completing twice changes nothing in HubSpot: safe to retry.
    idempotent: true,
  });
  if (res.ok) return ok("completed");
  if (res.error.kind === "not_found" || /already completed/i.test(res.error.message)) return ok("gone");
  return res;
}
