import type { Context } from "hono";
import type { z } from "zod";
import type { HsEnv } from "../auth.ts";
import { badRequest } from "../errors.ts";
import { objectTypeOf, type ObjectType } from "../object-types.ts";
import { listParam, type ReadOptions } from "../serialize.ts";

/** HubSpot's per-call batch limit (docs/vendors/hubspot.md §3). */
export const MAX_BATCH = 100;

/** The object type a path parameter names, or HubSpot's 400 "Unable to infer object type from: x". */
export function objectTypeParam(c: Context<HsEnv>, name = "objectType"): ObjectType | Response {
  const segment = c.req.param(name) ?? "";
  return objectTypeOf(segment) ?? badRequest(`Unable to infer object type from: ${segment}`);
}

/** Parses a JSON body against a schema; HubSpot answers 400 VALIDATION_ERROR for either failure. */
export async function jsonBody<T>(c: Context<HsEnv>, schema: z.ZodType<T>): Promise<T | Response> {
  let raw: unknown;
  const text = await c.req.text();
  try {
    raw = text.trim() === "" ? undefined : JSON.parse(text);
  } catch (error) {
    return badRequest(`Invalid input JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`);
  return badRequest(`Invalid input JSON: ${issues.join("; ")}`, {
    errors: parsed.error.issues.map((i) => ({ message: i.message, in: i.path.join(".") || "body" })),
  });
}

export function readOptionsFromQuery(c: Context<HsEnv>): ReadOptions {
  return {
    properties: listParam(c.req.queries("properties")),
    propertiesWithHistory: listParam(c.req.queries("propertiesWithHistory")),
    associations: listParam(c.req.queries("associations")),
  };
}

export function booleanQuery(c: Context<HsEnv>, name: string): boolean {
  return c.req.query(name)?.toLowerCase() === "true";
}

/** Batch answers carry the time the batch started and completed. */
export function batchEnvelope(at: string, results: unknown[], errors: unknown[] = []) {
  return {
    status: "COMPLETE",
    results,
    ...(errors.length ? { numErrors: errors.length, errors } : {}),
    startedAt: at,
    completedAt: at,
  };
}

/** One `errors[]` entry of a 207 batch answer (`StandardError`). */
export function batchError(category: string, message: string, context: Record<string, string[]>) {
  return { status: "error", category, message, context, errors: [], links: {} };
}
