/**
 * Builds QBO query-language statements (docs/vendors/quickbooks.md §5) so that no caller ever concatenates
 * user input into a query: values are always quoted and escaped here.
 * Only what the language has: AND-ed conditions, one ORDERBY, STARTPOSITION/MAXRESULTS ≤ 1000.
 */
export type QueryValue = string | number | boolean | Date;
export type QueryOp = "=" | "<" | ">" | "<=" | ">=" | "LIKE";

export const MAX_RESULTS = 1000;
const ENTITY = /^[A-Z][A-Za-z]+$/;
const FIELD = /^[A-Z][A-Za-z]*(\.[A-Z][A-Za-z]*)?$/;

/** Strings are single-quoted with `'` escaped as `\'` (and `\` as `\\`). */
export function quote(value: QueryValue): string {
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error("Query numbers must be finite");
    return String(value);
  }
  const text = value instanceof Date ? value.toISOString() : value;
  return `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

export interface QuerySpec {
  entity: string;
  where?: Array<
    [field: string, op: QueryOp, value: QueryValue] | [field: string, op: "IN", values: QueryValue[]]
  >;
  orderBy?: { field: string; dir?: "ASC" | "DESC" };
  startPosition?: number;
  maxResults?: number;
  count?: boolean;
}

export function buildQuery(spec: QuerySpec): string {
  if (!ENTITY.test(spec.entity)) throw new Error(`Not a QBO entity name: ${spec.entity}`);
  const parts = [`SELECT ${spec.count ? "COUNT(*)" : "*"} FROM ${spec.entity}`];
  const conditions = (spec.where ?? []).map(([field, op, value]) => {
    if (!FIELD.test(field)) throw new Error(`Not a QBO field: ${field}`);
    if (op === "IN") {
      const values = value as QueryValue[];
      if (values.length === 0) throw new Error("IN needs at least one value");
      return `${field} IN (${values.map(quote).join(", ")})`;
    }
    return `${field} ${op} ${quote(value as QueryValue)}`;
  });
  if (conditions.length) parts.push(`WHERE ${conditions.join(" AND ")}`);
  if (spec.orderBy) {
    if (!FIELD.test(spec.orderBy.field)) throw new Error(`Not a QBO field: ${spec.orderBy.field}`);
    parts.push(`ORDERBY ${spec.orderBy.field} ${spec.orderBy.dir ?? "ASC"}`);
  }
  if (spec.startPosition !== undefined)
    parts.push(`STARTPOSITION ${Math.max(1, Math.trunc(spec.startPosition))}`);
  if (spec.maxResults !== undefined) {
    parts.push(`MAXRESULTS ${Math.min(MAX_RESULTS, Math.max(1, Math.trunc(spec.maxResults)))}`);
  }
  return parts.join(" ");
}
