import { z } from "zod";
import type { Tombstone } from "../../../domain/accounting.ts";
import type { WireError } from "../../../domain/wire-error.ts";
import { ok, type Result } from "../../../lib/result.ts";
import { entityBase, timestamp } from "./common.ts";
import { parseChange } from "./envelope.ts";
import { wireParser } from "./parse.ts";

/**
 * Any entity of a change feed (CDC or a query on MetaData.LastUpdatedTime) by what every entity
 * carries: its id and when it last changed. The feed reads only this; each sync rule reads the
 * rest with its own entity's parser.
 */
export interface ChangedRecord {
  id: string;
  deleted: false;
  updatedAt?: Date;
}

const changedRecordWire = z.looseObject(entityBase);

export const parseChangedRecord = wireParser("Record", changedRecordWire, (r): ChangedRecord => {
  const updatedAt = timestamp(r.MetaData?.LastUpdatedTime);
  return { id: r.Id, deleted: false, ...(updatedAt ? { updatedAt } : {}) };
}).one;

/**
 * The id of any entity QBO answered with (a create's answer, say), read by what every entity
 * carries: a field the caller does not use cannot fail a write that has already succeeded.
 */
export function parseEntityId(raw: unknown): Result<string, WireError> {
  const r = parseChangedRecord(raw);
  return r.ok ? ok(r.value.id) : r;
}

/** A change feed's row: a changed record, or the tombstone of a deleted one. */
export const parseChangeRef: (raw: unknown) => Result<ChangedRecord | Tombstone, WireError> =
  parseChange(parseChangedRecord);

/**
 * The id of a record the QBO client has already checked carries one (connectors/qbo/client.ts
 * refuses rows without): record sync keeps raw records for the user's field mappings, and names
 * their id through here rather than spelling QBO's field.
 */
export function qboIdOf(entity: { Id: string }): string {
  return entity.Id;
}

/**
 * One save of a record in a change feed, as a string: `Entity:Id:SyncToken:LastUpdatedTime:status`.
 * SyncToken goes up with every save (QBO's optimistic lock), so two saves within the one second
 * LastUpdatedTime resolves still differ; `status` tells a deletion's tombstone from the record.
 * Undefined for a row with neither SyncToken nor LastUpdatedTime: it cannot be told apart.
 */
export function saveFingerprint(entity: string, raw: unknown): string | undefined {
  const r = raw as {
    Id?: unknown;
    SyncToken?: unknown;
    status?: unknown;
    MetaData?: { LastUpdatedTime?: unknown };
  };
  const token = r.SyncToken;
  const updated = r.MetaData?.LastUpdatedTime;
  if (token === undefined && updated === undefined) return undefined;
  return [entity, r.Id, token ?? "", updated ?? "", r.status ?? ""].map(String).join(":");
}
