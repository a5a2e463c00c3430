import { z } from "zod";
import { ok, type Result } from "../../lib/result.ts";
import type { HttpClient, VendorError } from "../http-client.ts";

export interface CrmObject {
  id: string;
  properties: Record<string, string | null>;
  /** Associated ids by object type (`quotes`, `contacts`, ...), in HubSpot's order. */
  associations: Record<string, string[]>;
}

const object = z.looseObject({
  id: z.string(),
  properties: z.record(z.string(), z.string().nullable()),
  associations: z
    .record(
      z.string(),
      z.looseObject({ results: z.array(z.looseObject({ id: z.union([z.string(), z.number()]) })) }),
    )
    .optional(),
});
const batch = z.looseObject({ results: z.array(object) });

function toObject(o: z.infer<typeof object>): CrmObject {
  const associations: Record<string, string[]> = {};
  // HubSpot names the key "line items" (with a space) while the path says line_items.
  for (const [type, list] of Object.entries(o.associations ?? {}))
    associations[type.replace(/ /g, "_")] = [...new Set(list.results.map((r) => String(r.id)))];
  return { id: o.id, properties: o.properties, associations };
}

/** `GET /crm/v3/objects/{type}/{id}` with properties and associated ids (docs/vendors/hubspot.md §3). */
export async function getObject(
  http: HttpClient,
  type: string,
  id: string,
  properties: string[],
  associations: string[] = [],
): Promise<Result<CrmObject, VendorError>> {
  const res = await http.request({
    method: "GET",
    path: `/crm/v3/objects/${type}/${encodeURIComponent(id)}`,
    query: {
      properties: properties.join(","),
      ...(associations.length ? { associations: associations.join(",") } : {}),
    },
    schema: object,
  });
  return res.ok ? ok(toObject(res.value.body)) : res;
}

/** `POST /crm/v3/objects/{type}/batch/read`: up to 100 ids, in the order asked. */
export async function batchRead(
  http: HttpClient,
  type: string,
  ids: string[],
  properties: string[],
): Promise<Result<CrmObject[], VendorError>> {
  if (ids.length === 0) return ok([]);
  const res = await http.request({
    method: "POST",
    path: `/crm/v3/objects/${type}/batch/read`,
    body: { inputs: ids.slice(0, 100).map((id) => ({ id })), properties },
    schema: batch,
    idempotent: true,
  });
  if (!res.ok) return res;
  const byId = new Map(res.value.body.results.map((o) => [o.id, toObject(o)]));
  return ok(ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])));
}

const associationPage = z.looseObject({
  results: z.array(z.looseObject({ toObjectId: z.union([z.string(), z.number()]) })),
  paging: z.looseObject({ next: z.looseObject({ after: z.string() }).optional() }).optional(),
});

/**
 * Every id of `toType` associated with one record, in HubSpot's order, through the v4 list
 * (`GET /crm/v4/objects/{from}/{id}/associations/{to}`, ≤ 500 a page; docs/vendors/hubspot.md §6): the
 * precise source, where v3's inline `associations` may label keys loosely and repeat ids.
 */
export async function associatedIds(
  http: HttpClient,
  fromType: string,
  fromId: string,
  toType: string,
): Promise<Result<string[], VendorError>> {
  const ids: string[] = [];
  let after: string | undefined;
  do {
    const res = await http.request({
      method: "GET",
      path: `/crm/v4/objects/${fromType}/${encodeURIComponent(fromId)}/associations/${toType}`,
      query: { limit: "500", ...(after ? { after } : {}) },
      schema: associationPage,
    });
    if (!res.ok) return res;
    ids.push(...res.value.body.results.map((r) => String(r.toObjectId)));
    after = res.value.body.paging?.next?.after;
  } while (after);
  return ok([...new Set(ids)]);
}
