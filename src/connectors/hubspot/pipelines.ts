import { z } from "zod";
import { ok, type Result } from "../../lib/result.ts";
import type { HttpClient, VendorError } from "../http-client.ts";

const pipelines = z.looseObject({
  results: z.array(z.looseObject({ id: z.string(), label: z.string(), archived: z.boolean().optional() })),
});

/**
 * `GET /crm/v3/pipelines/deals` (docs/vendors/hubspot.md §12): the portal's deal pipelines, archived ones
 * left out.
 */
export async function listDealPipelines(
  http: HttpClient,
): Promise<Result<Array<{ id: string; label: string }>, VendorError>> {
  const res = await http.request({ method: "GET", path: "/crm/v3/pipelines/deals", schema: pipelines });
  if (!res.ok) return res;
  return ok(res.value.body.results.filter((p) => !p.archived).map((p) => ({ id: p.id, label: p.label })));
}
