import { z } from "zod";
import type { Tombstone } from "../../../domain/accounting.ts";
import type { WireError } from "../../../domain/wire-error.ts";
import { err, ok, type Result } from "../../../lib/result.ts";
import { id, timestamp } from "./common.ts";
import { malformed, wireError } from "./parse.ts";

/**
 * The envelopes QBO wraps entities in (https://developer.intuit.com/app/developer/qbo/docs/learn/explore-the-quickbooks-online-api/data-queries
 * and .../change-data-capture): a read or write answers `{ Invoice: {...}, time }`, a query
 * `{ QueryResponse: { Invoice: [...] }, time }` (the key is absent when nothing matches), CDC a
 * list of QueryResponses. These return the raw rows; the entity parsers read them.
 */
const queryResponse = z.looseObject({ QueryResponse: z.record(z.string(), z.unknown()), time: z.string() });
const cdcResponse = z.looseObject({
  CDCResponse: z.array(
    z.looseObject({ QueryResponse: z.array(z.record(z.string(), z.unknown())).optional() }),
  ),
  time: z.string(),
});

/** The rows of one entity in a query answer; none when QBO left the key out. */
export function queryRows(body: unknown, entity: string): Result<unknown[], WireError> {
  const parsed = queryResponse.safeParse(body);
  if (!parsed.success) return err(malformed("QueryResponse", body, parsed.error));
  const rows = parsed.data.QueryResponse[entity] ?? [];
  if (Array.isArray(rows)) return ok(rows);
  return err(wireError("QueryResponse", `QueryResponse.${entity}`, "expected a list"));
}

/** The entity of a read, create, update or send answer. */
export function entityOf(body: unknown, entity: string): Result<unknown, WireError> {
  const parsed = z.looseObject({ [entity]: z.looseObject({}) }).safeParse(body);
  return parsed.success ? ok(parsed.data[entity]) : err(malformed(entity, body, parsed.error));
}

/** Every changed row per entity in a CDC answer (deleted ones are tombstones; see `isTombstone`). */
export function cdcRows(
  body: unknown,
): Result<{ byEntity: Record<string, unknown[]>; time: string }, WireError> {
  const parsed = cdcResponse.safeParse(body);
  if (!parsed.success) return err(malformed("CDCResponse", body, parsed.error));
  const byEntity: Record<string, unknown[]> = {};
  for (const block of parsed.data.CDCResponse)
    for (const part of block.QueryResponse ?? [])
      for (const [name, rows] of Object.entries(part))
        if (Array.isArray(rows)) byEntity[name] = [...(byEntity[name] ?? []), ...(rows as unknown[])];
  return ok({ byEntity, time: parsed.data.time });
}

const tombstoneWire = z.looseObject({
  Id: id,
  status: z.literal("Deleted"),
  MetaData: z.looseObject({ LastUpdatedTime: z.string().optional() }).optional(),
});

/** A CDC row for a deleted record carries only Id, MetaData and `status: "Deleted"`. */
export function isTombstone(raw: unknown): boolean {
  return (raw as { status?: unknown } | null)?.status === "Deleted";
}

/** A CDC row: the record, or the tombstone of a deleted one. */
export function parseChange<T>(
  parse: (raw: unknown) => Result<T, WireError>,
): (raw: unknown) => Result<T | Tombstone, WireError> {
  return (raw) => {
    if (!isTombstone(raw)) return parse(raw);
    const t = tombstoneWire.safeParse(raw);
    if (!t.success) return err(malformed("Tombstone", raw, t.error));
    const updatedAt = timestamp(t.data.MetaData?.LastUpdatedTime);
    return ok({ id: t.data.Id, deleted: true, ...(updatedAt ? { updatedAt } : {}) });
  };
}
