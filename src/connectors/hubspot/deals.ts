import type { HttpClient, VendorError } from "../http-client.ts";
import type { Result } from "../../lib/result.ts";

/**
 * `PATCH /crm/v3/objects/deals/{id}` with the given properties. An empty string clears a
 * property in HubSpot (null is not accepted everywhere), so callers pass "" to clear.
 */
export async function updateDeal(
  http: HttpClient,
  dealId: string,
  properties: Record<string, string>,
): Promise<Result<unknown, VendorError>> {
  const res = await http.request({
    method: "PATCH",
    path: `/crm/v3/objects/deals/${encodeURIComponent(dealId)}`,
    body: { properties },
    idempotent: true,
  });
  return res.ok ? { ok: true, value: res.value.body } : res;
}
