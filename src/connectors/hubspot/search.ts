import { z } from "zod";
import { ok, type Result } from "../../lib/result.ts";
import type { HttpClient, VendorError } from "../http-client.ts";

/**
 * HubSpot search answers pages of at most 200 and refuses to page past 10,000 results
 * (docs/vendors/hubspot.md §4).
 */
export const SEARCH_PAGE = 200;

const searchResponse = z.looseObject({
  total: z.number().optional(),
  results: z.array(
    z.looseObject({
      id: z.string(),
      properties: z.record(z.string(), z.string().nullable()),
      updatedAt: z.string().optional(),
      archived: z.boolean().optional(),
    }),
  ),
});

/** Where a modified-since read stands: the last id handled and the newest change seen so far. */
export interface SearchCursor {
  afterId: string;
  maxModified?: Date;
}

export interface CrmRecord {
  id: string;
  properties: Record<string, string | null>;
}

/**
 * Every record of `objectType` modified at or after `since`, however many there are, without ever
 * paging: each request asks for the next 200 ids above the last one seen (sorted by
 * `hs_object_id`), so no single query's result set is walked past 10,000 (the cap that silently
 * truncates a plain `after` loop, docs/vendors/hubspot.md §4). `onPage` sees each page as it arrives,
 * with where a later read may resume once that page is handled (`from`).
 */
export async function modifiedSince(
  http: HttpClient,
  objectType: string,
  since: Date,
  properties: string[],
  onPage: (records: CrmRecord[], next: SearchCursor) => Promise<void>,
  from: SearchCursor = { afterId: "0" },
): Promise<Result<{ count: number; maxModified: Date | undefined }, VendorError>> {
  let lastId = from.afterId;
  let count = 0;
  let maxModified = from.maxModified;
  for (;;) {
    const res = await http.request({
      method: "POST",
      path: `/crm/v3/objects/${encodeURIComponent(objectType)}/search`,
      // A search changes nothing: retrying it after a timeout is safe.
      idempotent: true,
      body: {
        filterGroups: [
          {
            filters: [
              { propertyName: "hs_lastmodifieddate", operator: "GTE", value: String(since.getTime()) },
              { propertyName: "hs_object_id", operator: "GT", value: lastId },
            ],
          },
        ],
        sorts: [{ propertyName: "hs_object_id", direction: "ASCENDING" }],
        properties: [...new Set([...properties, "hs_object_id", "hs_lastmodifieddate"])],
        limit: SEARCH_PAGE,
      },
      schema: searchResponse,
    });
    if (!res.ok) return res;
    const page = res.value.body.results.map((r) => ({ id: r.id, properties: r.properties }));
    if (page.length === 0) break;
    for (const r of page) {
      // Search answers ISO-8601 here; the old `Number(...)` read that as NaN, so no checkpoint moved.
      const at = hubspotTime(r.properties.hs_lastmodifieddate);
      if (at && (!maxModified || at > maxModified)) maxModified = at;
    }
    lastId = page[page.length - 1]!.id;
    await onPage(page, { afterId: lastId, maxModified });
    count += page.length;
    if (page.length < SEARCH_PAGE) break;
  }
  return ok({ count, maxModified });
}

/** HubSpot datetimes come as epoch milliseconds or ISO-8601, depending on the endpoint. */
export function hubspotTime(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms) : undefined;
}
