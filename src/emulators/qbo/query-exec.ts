import type { Condition, Literal, ParsedQuery } from "./query-parser.ts";

/**
 * Name lists hide inactive records unless the query filters on Active (docs/vendors/quickbooks.md §3.1, §5).
 */
export const NAME_LISTS = new Set([
  "customer",
  "item",
  "account",
  "term",
  "vendor",
  "employee",
  "taxcode",
  "taxrate",
]);
export const MAX_PAGE = 1000;
/** The page size QBO uses without MAXRESULTS (believed 100; docs/vendors/quickbooks.md §5). */
export const DEFAULT_PAGE = 100;

type Entity = Record<string, unknown>;

export class QueryValidationError extends Error {}

/** Reads a property path case-insensitively; a reference (`{value, name}`) compares by its value. */
export function readPath(entity: Entity, path: string): unknown {
  let current: unknown = entity;
  for (const part of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    const key = Object.keys(current).find((k) => k.toLowerCase() === part.toLowerCase());
    current = key === undefined ? undefined : (current as Entity)[key];
  }
  if (current && typeof current === "object" && "value" in current)
    return (current as { value: unknown }).value;
  // `PrimaryEmailAddr = 'a@b.example'` filters on the address (Customer's filterable fields).
  if (current && typeof current === "object" && "Address" in current)
    return (current as { Address: unknown }).Address;
  return current;
}

function compare(a: unknown, b: Literal): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" || typeof b === "boolean") return String(a) === String(b) ? 0 : NaN;
  const x = String(a);
  const y = String(b);
  // Date-times compare as instants (QBO mixes offsets), everything else as text.
  const tx = /^\d{4}-\d{2}-\d{2}T/.test(x) ? Date.parse(x) : NaN;
  const ty = /^\d{4}-\d{2}-\d{2}T/.test(y) ? Date.parse(y) : NaN;
  if (!Number.isNaN(tx) && !Number.isNaN(ty)) return tx - ty;
  if (/^-?\d+(\.\d+)?$/.test(x) && /^-?\d+(\.\d+)?$/.test(y)) return Number(x) - Number(y);
  return x < y ? -1 : x > y ? 1 : 0;
}

function likeToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/%/g, ".*");
  return new RegExp(`^${escaped}$`, "is");
}

function matches(entity: Entity, cond: Condition): boolean {
  const actual = readPath(entity, cond.field);
  if (cond.op === "IN")
    return (cond.value as Literal[]).some((v) => actual !== undefined && compare(actual, v) === 0);
  if (actual === undefined || actual === null) return false;
  if (cond.op === "LIKE") return likeToRegExp(String(cond.value)).test(String(actual));
  const d = compare(actual, cond.value as Literal);
  if (Number.isNaN(d)) return false;
  switch (cond.op) {
    case "=":
      return d === 0;
    case "<":
      return d < 0;
    case ">":
      return d > 0;
    case "<=":
      return d <= 0;
    case ">=":
      return d >= 0;
  }
}

export interface QueryResult {
  rows: Entity[];
  totalCount: number;
  startPosition: number;
}

/** Filters, sorts and pages `entities` (all of one type) as QBO does. */
export function executeQuery(query: ParsedQuery, entities: Entity[]): QueryResult {
  if (query.maxResults !== undefined && query.maxResults > MAX_PAGE) {
    throw new QueryValidationError(`MAXRESULTS may not exceed ${MAX_PAGE}`);
  }
  const filtersActive = query.where.some((c) => c.field.toLowerCase() === "active");
  const hideInactive = NAME_LISTS.has(query.entity.toLowerCase()) && !filtersActive;
  let rows = entities.filter(
    (e) => (!hideInactive || readPath(e, "Active") !== false) && query.where.every((c) => matches(e, c)),
  );
  if (query.orderBy) {
    const { field, dir } = query.orderBy;
    rows = [...rows].sort((a, b) => {
      const d = compare(readPath(a, field) ?? "", (readPath(b, field) ?? "") as Literal);
      return (Number.isNaN(d) ? 0 : d) * (dir === "DESC" ? -1 : 1);
    });
  } else {
    rows = [...rows].sort((a, b) => compare(readPath(a, "Id"), readPath(b, "Id") as Literal));
  }
  const start = Math.max(1, query.startPosition ?? 1);
  const size = query.maxResults ?? DEFAULT_PAGE;
  return {
    rows: query.count ? [] : rows.slice(start - 1, start - 1 + size),
    totalCount: rows.length,
    startPosition: start,
  };
}
