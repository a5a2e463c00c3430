import { createHash } from "node:crypto";
import { z } from "zod";
import { err, ok, type Result } from "../../lib/result.ts";
import type { HttpClient, VendorError } from "../http-client.ts";
import type { QboEntity } from "./client.ts";
import { MINOR_VERSION } from "./company.ts";

/**
 * Every QBO write carries a `requestid` derived from what the write *is* (its purpose and the
 * record it is for), never from when it runs: a retry after a crash or a lost reply sends the same
 * id, and QBO replays its first answer instead of writing twice (docs/vendors/quickbooks.md §4.7).
 */
export function requestIdFor(...parts: string[]): string {
  // 40 hex characters: under QBO's 50 (and batch's 36 would need a shorter one; batch is not used).
  return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 40);
}

const path = (entity: string) => `/${entity.toLowerCase()}`;

function envelope(entity: string) {
  return z.looseObject({ [entity]: z.looseObject({ Id: z.string(), SyncToken: z.string().optional() }) });
}

function unwrap(entity: string, body: Record<string, unknown>): QboEntity {
  return body[entity] as QboEntity;
}

/** Creates an entity once, however often it is retried. */
export async function createEntity(
  http: HttpClient,
  entity: string,
  body: Record<string, unknown>,
  requestId: string,
): Promise<Result<QboEntity, VendorError>> {
  const res = await http.request({
    method: "POST",
    path: path(entity),
    query: { minorversion: MINOR_VERSION, requestid: requestId },
    body,
    schema: envelope(entity),
    idempotent: true,
  });
  return res.ok ? ok(unwrap(entity, res.value.body)) : res;
}

export async function readEntity(
  http: HttpClient,
  entity: string,
  id: string,
): Promise<Result<QboEntity, VendorError>> {
  const res = await http.request({
    method: "GET",
    path: `${path(entity)}/${encodeURIComponent(id)}`,
    query: { minorversion: MINOR_VERSION },
    schema: envelope(entity),
  });
  return res.ok ? ok(unwrap(entity, res.value.body)) : res;
}

/**
 * A sparse update built from the current object. When QBO answers 5010 (someone changed it since
 * we read it), read it again and re-apply the change to the fresh copy, a few times at most (§4.1).
 * Each attempt has its own requestid, derived from the base id and the SyncToken it was built on.
 */
export async function updateEntity(
  http: HttpClient,
  entity: string,
  current: QboEntity,
  change: (current: QboEntity) => Record<string, unknown>,
  requestId: string,
  maxAttempts = 3,
): Promise<Result<QboEntity, VendorError>> {
  let base = current;
  for (let attempt = 1; ; attempt++) {
    const res = await http.request({
      method: "POST",
      path: path(entity),
      query: {
        operation: "update",
        minorversion: MINOR_VERSION,
        requestid: requestIdFor(requestId, base.SyncToken ?? ""),
      },
      body: { ...change(base), Id: base.Id, SyncToken: base.SyncToken, sparse: true },
      schema: envelope(entity),
      idempotent: true,
    });
    if (res.ok) return ok(unwrap(entity, res.value.body));
    if (res.error.kind !== "stale" || attempt >= maxAttempts) return res;
    const fresh = await readEntity(http, entity, base.Id);
    if (!fresh.ok) return err(fresh.error);
    base = fresh.value;
  }
}
