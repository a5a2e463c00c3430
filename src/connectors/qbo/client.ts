import { z } from "zod";
import { err, ok, type Result } from "../../lib/result.ts";
import type { HttpClient, VendorError } from "../http-client.ts";
import { MINOR_VERSION } from "./company.ts";
import { buildQuery, MAX_RESULTS, type QuerySpec } from "./query.ts";

/**
 * The QBO Accounting API calls the engine makes, over an HttpClient whose baseUrl is the
 * company's (`…/v3/company/{realmId}`). Entities stay in QBO's own casing here; the mappers in `wire/` turn
 * them into domain objects.
 */
export type QboEntity = Record<string, unknown> & {
  Id: string;
  SyncToken?: string;
  status?: string;
  MetaData?: { CreateTime?: string; LastUpdatedTime?: string };
};

const entity = z.looseObject({
  Id: z.string(),
  SyncToken: z.string().optional(),
  status: z.string().optional(),
  MetaData: z
    .looseObject({ CreateTime: z.string().optional(), LastUpdatedTime: z.string().optional() })
    .optional(),
});

const cdcResponse = z.looseObject({
  CDCResponse: z.array(
    z.looseObject({ QueryResponse: z.array(z.record(z.string(), z.unknown())).optional() }),
  ),
  time: z.string(),
});

const queryResponse = z.looseObject({
  QueryResponse: z.record(z.string(), z.unknown()),
  time: z.string(),
});

export interface ChangeSet {
  /** Entity name → changed objects (deleted ones carry `status: "Deleted"`). */
  byEntity: Record<string, QboEntity[]>;
  /** The server's time for this answer: the next checkpoint is derived from it. */
  serverTime: Date;
}

function entitiesIn(record: Record<string, unknown>): Record<string, QboEntity[]> {
  const out: Record<string, QboEntity[]> = {};
  for (const [key, value] of Object.entries(record)) {
    if (!Array.isArray(value)) continue;
    out[key] = value.map((v) => entity.parse(v) as QboEntity);
  }
  return out;
}

/**
 * `GET /cdc`: what changed since `since`, at most 1,000 objects per entity (docs/vendors/quickbooks.md §6).
 */
export async function changedSince(
  http: HttpClient,
  entities: string[],
  since: Date,
): Promise<Result<ChangeSet, VendorError>> {
  const res = await http.request({
    method: "GET",
    path: "/cdc",
    query: { entities: entities.join(","), changedSince: since.toISOString(), minorversion: MINOR_VERSION },
    schema: cdcResponse,
  });
  if (!res.ok) return res;
  const byEntity: Record<string, QboEntity[]> = Object.fromEntries(entities.map((e) => [e, []]));
  for (const block of res.value.body.CDCResponse) {
    for (const part of block.QueryResponse ?? []) {
      for (const [name, list] of Object.entries(entitiesIn(part)))
        byEntity[name] = [...(byEntity[name] ?? []), ...list];
    }
  }
  return ok({ byEntity, serverTime: new Date(res.value.body.time) });
}

/** One page of a query; `rows` is empty when nothing matches (QBO then omits the entity key). */
export async function queryPage(
  http: HttpClient,
  spec: QuerySpec,
): Promise<Result<{ rows: QboEntity[]; serverTime: Date }, VendorError>> {
  const res = await http.request({
    method: "GET",
    path: "/query",
    query: { query: buildQuery(spec), minorversion: MINOR_VERSION },
    schema: queryResponse,
  });
  if (!res.ok) return res;
  const rows = entitiesIn(res.value.body.QueryResponse)[spec.entity] ?? [];
  return ok({ rows, serverTime: new Date(res.value.body.time) });
}

/** Every row of a query, page by page (STARTPOSITION is 1-based; a short page is the last). */
export async function queryAll(
  http: HttpClient,
  spec: Omit<QuerySpec, "startPosition" | "maxResults">,
): Promise<Result<{ rows: QboEntity[]; serverTime: Date }, VendorError>> {
  const rows: QboEntity[] = [];
  const res = await queryPages(http, spec, async (page) => {
    rows.push(...page);
  });
  return res.ok ? ok({ rows, serverTime: res.value.serverTime }) : res;
}

/**
 * The same query, handing each page to `onPage` as it arrives, so a long read can save its place
 * after each page (a resumed read then starts from there instead of from the first page).
 */
export async function queryPages(
  http: HttpClient,
  spec: Omit<QuerySpec, "startPosition" | "maxResults">,
  onPage: (rows: QboEntity[]) => Promise<void>,
  pageSize = MAX_RESULTS,
): Promise<Result<{ count: number; serverTime: Date }, VendorError>> {
  let count = 0;
  let serverTime: Date | undefined;
  for (let start = 1; ; start += pageSize) {
    const page = await queryPage(http, { ...spec, startPosition: start, maxResults: pageSize });
    if (!page.ok) return page;
    serverTime ??= page.value.serverTime;
    await onPage(page.value.rows);
    count += page.value.rows.length;
    if (page.value.rows.length < pageSize) break;
  }
  return serverTime
    ? ok({ count, serverTime })
    : err({ kind: "malformed", retryable: false, message: "no page" });
}

/** `SELECT COUNT(*)`: how many rows a query would return (`QueryResponse.totalCount`). */
export async function queryCount(
  http: HttpClient,
  spec: Omit<QuerySpec, "startPosition" | "maxResults" | "count">,
): Promise<Result<number, VendorError>> {
  const res = await http.request({
    method: "GET",
    path: "/query",
    query: { query: buildQuery({ ...spec, count: true }), minorversion: MINOR_VERSION },
    schema: queryResponse,
  });
  if (!res.ok) return res;
  return ok(Number(res.value.body.QueryResponse.totalCount ?? 0));
}
