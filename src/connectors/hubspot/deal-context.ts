import { z } from "zod";
import { ok, type Result } from "../../lib/result.ts";
import type { HttpClient, VendorError } from "../http-client.ts";

const owner = z.looseObject({
  id: z.string(),
  email: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
});
const pipeline = z.looseObject({ id: z.string(), label: z.string() });

/**
 * `GET /crm/v3/owners/{id}` (docs/vendors/hubspot.md §12): the owner's name, else e-mail, as HubSpot shows
 * it.
 */
export async function ownerName(http: HttpClient, ownerId: string): Promise<Result<string, VendorError>> {
  const res = await http.request({
    method: "GET",
    path: `/crm/v3/owners/${encodeURIComponent(ownerId)}`,
    schema: owner,
  });
  if (!res.ok) return res;
  const o = res.value.body;
  const name = [o.firstName, o.lastName].filter(Boolean).join(" ");
  return ok(name || o.email || ownerId);
}

/** `GET /crm/v3/pipelines/deals/{id}`: the pipeline's label. */
export async function dealPipelineLabel(
  http: HttpClient,
  pipelineId: string,
): Promise<Result<string, VendorError>> {
  const res = await http.request({
    method: "GET",
    path: `/crm/v3/pipelines/deals/${encodeURIComponent(pipelineId)}`,
    schema: pipeline,
  });
  return res.ok ? ok(res.value.body.label) : res;
}
