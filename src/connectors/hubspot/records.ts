import { z } from "zod";
import { err, ok, type Result } from "../../lib/result.ts";
import type { HttpClient, VendorError } from "../http-client.ts";
import type { CrmRecord } from "./search.ts";

/**
 * The CRM object calls the contact, company and product sync makes (docs/vendors/hubspot.md §3): paged
 * listing (archived records included on request: search never shows them), batch upsert by a
 * unique property, batch update, archive, and a single-property search for matching.
 */
const record = z.looseObject({
  id: z.string(),
  properties: z.record(z.string(), z.string().nullable()),
  archived: z.boolean().optional(),
});
const page = z.looseObject({
  results: z.array(record),
  paging: z.looseObject({ next: z.looseObject({ after: z.string() }).optional() }).optional(),
});
const batchAnswer = z.looseObject({ results: z.array(record) });
const searchAnswer = z.looseObject({ total: z.number().optional(), results: z.array(record) });

const path = (type: string, rest = "") => `/crm/v3/objects/${encodeURIComponent(type)}${rest}`;

/** One page of `GET /crm/v3/objects/{type}` (≤ 100), archived or live ones. */
export async function listPage(
  http: HttpClient,
  type: string,
  properties: string[],
  after: string | undefined,
  archived = false,
): Promise<Result<{ records: Array<CrmRecord & { archived: boolean }>; after?: string }, VendorError>> {
  const res = await http.request({
    method: "GET",
    path: path(type),
    query: {
      limit: "100",
      properties: properties.join(","),
      ...(after ? { after } : {}),
      ...(archived ? { archived: "true" } : {}),
    },
    schema: page,
  });
  if (!res.ok) return res;
  return ok({
    records: res.value.body.results.map((r) => ({
      id: r.id,
      properties: r.properties,
      archived: r.archived ?? archived,
    })),
    after: res.value.body.paging?.next?.after,
  });
}

export interface UpsertInput {
  id: string;
  properties: Record<string, string>;
}

/** `POST …/batch/upsert` by a unique property (≤ 100): a rerun updates the same records. */
export async function batchUpsert(
  http: HttpClient,
  type: string,
  idProperty: string,
  inputs: UpsertInput[],
): Promise<Result<CrmRecord[], VendorError>> {
  if (inputs.length === 0) return ok([]);
  const res = await http.request({
    method: "POST",
    path: path(type, "/batch/upsert"),
    body: { inputs: inputs.map((i) => ({ idProperty, id: i.id, properties: i.properties })) },
    schema: batchAnswer,
    idempotent: true,
  });
  return res.ok ? ok(res.value.body.results.map((r) => ({ id: r.id, properties: r.properties }))) : res;
}

/** `POST …/batch/update` (≤ 100) by record id. Setting a value is idempotent. */
export async function batchUpdate(
  http: HttpClient,
  type: string,
  inputs: Array<{ id: string; properties: Record<string, string> }>,
): Promise<Result<void, VendorError>> {
  if (inputs.length === 0) return ok(undefined);
  const res = await http.request({
    method: "POST",
    path: path(type, "/batch/update"),
    body: { inputs },
    idempotent: true,
  });
  return res.ok ? ok(undefined) : res;
}

export async function updateRecord(
  http: HttpClient,
  type: string,
  id: string,
  properties: Record<string, string>,
): Promise<Result<void, VendorError>> {
  const res = await http.request({
    method: "PATCH",
    path: path(type, `/${encodeURIComponent(id)}`),
    body: { properties },
    idempotent: true,
  });
  return res.ok ? ok(undefined) : res;
}

/** `DELETE …/{id}` moves the record to the recycle bin (archived); a 404 means it is gone already. */
export async function archiveRecord(
  http: HttpClient,
  type: string,
  id: string,
): Promise<Result<void, VendorError>> {
  const res = await http.request({
    method: "DELETE",
    path: path(type, `/${encodeURIComponent(id)}`),
    idempotent: true,
  });
  if (res.ok || res.error.kind === "not_found") return ok(undefined);
  return res;
}

/** Records whose property equals a value (search, 5 requests/s): at most `limit`. */
export async function findBy(
  http: HttpClient,
  type: string,
  filters: Array<{ property: string; value: string }>,
  properties: string[],
  limit = 10,
): Promise<Result<CrmRecord[], VendorError>> {
  if (filters.some((f) => !f.value.trim()))
    return err({ kind: "validation", retryable: false, message: "empty search value" });
  const res = await http.request({
    method: "POST",
    path: path(type, "/search"),
    idempotent: true,
    body: {
      filterGroups: [
        { filters: filters.map((f) => ({ propertyName: f.property, operator: "EQ", value: f.value })) },
      ],
      properties,
      limit,
    },
    schema: searchAnswer,
  });
  return res.ok ? ok(res.value.body.results.map((r) => ({ id: r.id, properties: r.properties }))) : res;
}

const memberships = z.looseObject({
  results: z.array(z.looseObject({ listId: z.union([z.string(), z.number()]) })),
});

/** The lists a record belongs to (`GET /crm/v3/lists/records/{objectTypeId}/{id}/memberships`). */
export async function listMemberships(
  http: HttpClient,
  objectTypeId: string,
  id: string,
): Promise<Result<string[], VendorError>> {
  const res = await http.request({
    method: "GET",
    path: `/crm/v3/lists/records/${encodeURIComponent(objectTypeId)}/${encodeURIComponent(id)}/memberships`,
    schema: memberships,
  });
  return res.ok ? ok(res.value.body.results.map((r) => String(r.listId))) : res;
}
