import { z } from "zod";
import type { StoredRecord } from "./object-table.ts";
import type { PropertyDefinition } from "./property-types.ts";
import { instantOf } from "./values.ts";

/**
 * CRM search semantics (docs/vendors/hubspot.md §4): filter groups are ORed, filters in a group ANDed;
 * numbers and datetimes compare as numbers (datetimes given as epoch ms or ISO), strings
 * case-insensitively; IN values must be lower-case for strings, as HubSpot documents.
 * The group limits follow the August 2024 change (5 groups × 10 filters, 25 in all).
 */
export const SEARCH_LIMITS = { groups: 5, filtersPerGroup: 10, filters: 25, pageSize: 200, total: 10_000 };

export const OPERATORS = [
  "EQ",
  "NEQ",
  "LT",
  "LTE",
  "GT",
  "GTE",
  "BETWEEN",
  "IN",
  "NOT_IN",
  "HAS_PROPERTY",
  "NOT_HAS_PROPERTY",
  "CONTAINS_TOKEN",
  "NOT_CONTAINS_TOKEN",
] as const;

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

export const filterSchema = z.looseObject({
  propertyName: z.string(),
  operator: z.enum(OPERATORS),
  value: scalar.optional(),
  highValue: scalar.optional(),
  values: z.array(scalar).optional(),
});
export type Filter = z.infer<typeof filterSchema>;

const sortSchema = z.union([
  z.string(),
  z.looseObject({
    propertyName: z.string(),
    direction: z.enum(["ASCENDING", "DESCENDING"]).default("ASCENDING"),
  }),
]);

export const searchBodySchema = z.looseObject({
  filterGroups: z.array(z.looseObject({ filters: z.array(filterSchema) })).default([]),
  sorts: z.array(sortSchema).default([]),
  query: z.string().max(3000).optional(),
  properties: z.array(z.string()).optional(),
  limit: z.number().int().min(0).max(SEARCH_LIMITS.pageSize).default(10),
  after: z.union([z.string(), z.number()]).transform(String).optional(),
});
export type SearchBody = z.infer<typeof searchBodySchema>;

export interface SearchContext {
  property(name: string): PropertyDefinition | undefined;
  /** Ids associated with a record, for `associations.{type}` filters. */
  associatedIds(record: StoredRecord, singularType: string): string[];
  searchableProperties: string[];
}

/** Why a search body is refused, or undefined. */
export function searchLimitProblem(body: SearchBody): string | undefined {
  const groups = body.filterGroups;
  const total = groups.reduce((n, g) => n + g.filters.length, 0);
  if (groups.length > SEARCH_LIMITS.groups)
    return `Too many filter groups: ${groups.length}. The maximum is ${SEARCH_LIMITS.groups}.`;
  if (groups.some((g) => g.filters.length > SEARCH_LIMITS.filtersPerGroup))
    return `Too many filters in a filter group. The maximum is ${SEARCH_LIMITS.filtersPerGroup}.`;
  if (total > SEARCH_LIMITS.filters)
    return `Too many filters: ${total}. The maximum is ${SEARCH_LIMITS.filters}.`;
  for (const filter of groups.flatMap((g) => g.filters)) {
    const needsValue = ["EQ", "NEQ", "LT", "LTE", "GT", "GTE", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN"];
    if (needsValue.includes(filter.operator) && filter.value === undefined)
      return `Filter on ${filter.propertyName} with operator ${filter.operator} needs a value.`;
    if (filter.operator === "BETWEEN" && (filter.value === undefined || filter.highValue === undefined))
      return `Filter on ${filter.propertyName} with operator BETWEEN needs a value and a highValue.`;
    if ((filter.operator === "IN" || filter.operator === "NOT_IN") && !filter.values)
      return `Filter on ${filter.propertyName} with operator ${filter.operator} needs values.`;
  }
  return undefined;
}

export function matches(record: StoredRecord, body: SearchBody, ctx: SearchContext): boolean {
  if (body.query && !matchesQuery(record, body.query, ctx.searchableProperties)) return false;
  if (body.filterGroups.length === 0) return true;
  return body.filterGroups.some((g) => g.filters.every((f) => matchesFilter(record, f, ctx)));
}

function matchesQuery(record: StoredRecord, query: string, searchable: string[]): boolean {
  const needle = query.trim().toLowerCase();
  if (!needle) return true;
  return searchable.some((name) => record.properties[name]?.toLowerCase().includes(needle));
}

function matchesFilter(record: StoredRecord, filter: Filter, ctx: SearchContext): boolean {
  const association = /^associations\.(.+)$/.exec(filter.propertyName)?.[1];
  if (association) {
    const ids = ctx.associatedIds(record, association);
    if (filter.operator === "EQ") return ids.includes(filter.value ?? "");
    if (filter.operator === "IN") return ids.some((id) => filter.values?.includes(id));
    if (filter.operator === "HAS_PROPERTY") return ids.length > 0;
    if (filter.operator === "NOT_HAS_PROPERTY") return ids.length === 0;
    return false;
  }
  const raw = record.properties[filter.propertyName];
  const present = raw !== undefined && raw !== null && raw !== "";
  const def = ctx.property(filter.propertyName);
  switch (filter.operator) {
    case "HAS_PROPERTY":
      return present;
    case "NOT_HAS_PROPERTY":
      return !present;
    case "IN":
      return present && (filter.values ?? []).some((v) => inValue(def, raw, v));
    case "NOT_IN":
      return !present || !(filter.values ?? []).some((v) => inValue(def, raw, v));
    case "CONTAINS_TOKEN":
      return present && containsToken(raw, filter.value ?? "");
    case "NOT_CONTAINS_TOKEN":
      return !present || !containsToken(raw, filter.value ?? "");
    case "NEQ":
      return !present || compare(def, raw, filter.value ?? "") !== 0;
    default: {
      if (!present) return false;
      const c = compare(def, raw, filter.value ?? "");
      if (c === undefined) return false;
      if (filter.operator === "EQ") return c === 0;
      if (filter.operator === "LT") return c < 0;
      if (filter.operator === "LTE") return c <= 0;
      if (filter.operator === "GT") return c > 0;
      if (filter.operator === "GTE") return c >= 0;
      const high = compare(def, raw, filter.highValue ?? "");
      return c >= 0 && high !== undefined && high <= 0;
    }
  }
}

/** Numbers and instants compare numerically; anything else as case-insensitive text. */
function sortKey(def: PropertyDefinition | undefined, value: string): number | string | undefined {
  if (def?.type === "number") {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  if (def?.type === "datetime" || def?.type === "date") return instantOf(value);
  return value.toLowerCase();
}

function compare(
  def: PropertyDefinition | undefined,
  recordValue: string,
  filterValue: string,
): number | undefined {
  const a = sortKey(def, recordValue);
  const b = sortKey(def, filterValue);
  if (a === undefined || b === undefined || typeof a !== typeof b) return undefined;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** IN compares strings exactly against the lower-cased value: upper-case filter values never match. */
function inValue(def: PropertyDefinition | undefined, recordValue: string, filterValue: string): boolean {
  if (def?.type === "number" || def?.type === "datetime" || def?.type === "date")
    return compare(def, recordValue, filterValue) === 0;
  if (def?.fieldType === "checkbox") return recordValue.toLowerCase().split(";").includes(filterValue);
  return recordValue.toLowerCase() === filterValue;
}

/** Whole-value or word match, `*` as a wildcard (e.g. `*@example.com`). */
function containsToken(value: string, token: string): boolean {
  const pattern = new RegExp(
    `^${token
      .toLowerCase()
      .split("*")
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  const lower = value.toLowerCase();
  return pattern.test(lower) || lower.split(/[^\p{L}\p{N}@._-]+/u).some((word) => pattern.test(word));
}

/** Sorts by the first sort only (HubSpot honours one), then by id; records without a value go last. */
export function sortRecords(records: StoredRecord[], body: SearchBody, ctx: SearchContext): StoredRecord[] {
  const first = body.sorts[0];
  const byId = (a: StoredRecord, b: StoredRecord) => Number(a.id) - Number(b.id);
  if (!first) return records.sort(byId);
  const [name, descending] =
    typeof first === "string"
      ? [first.replace(/^-/, ""), first.startsWith("-")]
      : [first.propertyName, first.direction === "DESCENDING"];
  const def = ctx.property(name);
  const key = (r: StoredRecord) => {
    const v = r.properties[name];
    return v === undefined || v === null || v === "" ? undefined : sortKey(def, v);
  };
  return records.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === undefined || kb === undefined) return ka === kb ? byId(a, b) : ka === undefined ? 1 : -1;
    const c = ka < kb ? -1 : ka > kb ? 1 : 0;
    return c === 0 ? byId(a, b) : descending ? -c : c;
  });
}
