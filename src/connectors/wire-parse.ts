import type { z } from "zod";
import type { Partitioned, WireError } from "../domain/wire-error.ts";
import { err, ok, type Result } from "../lib/result.ts";

/**
 * Turns a zod schema and a pure mapper into the three forms every wire entity offers: one
 * record, a whole list (the first bad row fails it, its index in the path), and a partition for
 * screens that would rather show the good rows. Nothing here throws on a vendor's answer.
 */
export interface WireParser<T> {
  one(raw: unknown): Result<T, WireError>;
  list(rows: readonly unknown[]): Result<T[], WireError>;
  each(rows: readonly unknown[]): Partitioned<T>;
}

/** What differs between the vendors: their name in messages and where a record keeps its id. */
export interface WireVendor {
  key: WireError["vendor"];
  label: string;
  idField: string;
}

export function wireParser<S extends z.ZodType, T>(
  vendor: WireVendor,
  entity: string,
  schema: S,
  map: (wire: z.output<S>) => T,
): WireParser<T> {
  const one = (raw: unknown): Result<T, WireError> => {
    const parsed = schema.safeParse(raw);
    return parsed.success ? ok(map(parsed.data)) : err(malformed(vendor, entity, raw, parsed.error));
  };
  return {
    one,
    list(rows) {
      const out: T[] = [];
      for (const [i, row] of rows.entries()) {
        const r = one(row);
        if (!r.ok) return err({ ...r.error, path: joinPath(String(i), r.error.path) });
        out.push(r.value);
      }
      return ok(out);
    },
    each(rows) {
      const values: T[] = [];
      const errors: WireError[] = [];
      for (const row of rows) {
        const r = one(row);
        if (r.ok) values.push(r.value);
        else errors.push(r.error);
      }
      return { values, errors };
    },
  };
}

const joinPath = (...parts: string[]) => parts.filter(Boolean).join(".");

export function malformed(vendor: WireVendor, entity: string, raw: unknown, error: z.ZodError): WireError {
  const issue = error.issues[0];
  const path = (issue?.path ?? []).map(String).join(".");
  const id = (raw as Record<string, unknown> | null)?.[vendor.idField];
  const which = typeof id === "string" ? `${entity} ${id}` : entity;
  return {
    kind: "malformed",
    retryable: false,
    vendor: vendor.key,
    entity,
    ...(typeof id === "string" ? { id } : {}),
    path,
    message: `${vendor.label} ${which} is malformed (${path || "root"}: ${issue?.message ?? "invalid"})`,
  };
}

/** A WireError for a problem found by hand rather than by a schema. */
export function wireError(vendor: WireVendor, entity: string, path: string, problem: string): WireError {
  const message = `${vendor.label} ${entity} is malformed (${path}: ${problem})`;
  return { kind: "malformed", retryable: false, vendor: vendor.key, entity, path, message };
}

/** The three helpers bound to one vendor's facts: what each vendor's wire folder uses. */
export function wireParsersFor(vendor: WireVendor) {
  return {
    wireParser: <S extends z.ZodType, T>(entity: string, schema: S, map: (wire: z.output<S>) => T) =>
      wireParser(vendor, entity, schema, map),
    malformed: (entity: string, raw: unknown, error: z.ZodError) => malformed(vendor, entity, raw, error),
    wireError: (entity: string, path: string, problem: string) => wireError(vendor, entity, path, problem),
  };
}
