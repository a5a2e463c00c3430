import type { PropertyIssue } from "./errors.ts";
import type { PropertyDefinition } from "./property-types.ts";

/**
 * Checks and normalises one property value as HubSpot stores it: always a string; datetimes as
 * ISO-8601, dates as `YYYY-MM-DD` (they must be midnight UTC), booleans `true`/`false`, numbers as
 * sent. Inputs may be strings, numbers or booleans (docs/vendors/hubspot.md §1). Since April 2025 HubSpot
 * refuses numbers, booleans and dates with surrounding whitespace (§9), and so do we.
 */
export type ValueResult = { ok: true; value: string } | { ok: false; issue: PropertyIssue };

export interface ValueContext {
  ownerExists(ownerId: string): boolean;
}

const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const EPOCH_MS = /^-?\d{1,16}$/;
const ISO_START = /^\d{4}-\d{2}-\d{2}(?:$|T)/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_STRING = 65_536;

const fail = (name: string, error: string, message: string): ValueResult => ({
  ok: false,
  issue: { name, error, message },
});

/** Epoch milliseconds of an ISO-8601 or epoch-ms string, or undefined. */
export function instantOf(value: string): number | undefined {
  if (EPOCH_MS.test(value)) return Number(value);
  if (!ISO_START.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

export function normalizeValue(def: PropertyDefinition, raw: unknown, ctx: ValueContext): ValueResult {
  const name = def.name;
  if (raw === null || raw === undefined || raw === "") return { ok: true, value: "" };
  if (typeof raw !== "string" && typeof raw !== "number" && typeof raw !== "boolean")
    return fail(name, "INVALID_PROPERTY_VALUE", `Property "${name}" must be a string, number or boolean`);
  const value = String(raw);
  const trimmed = value.trim() !== value;
  switch (def.type) {
    case "number":
      if (trimmed || !NUMBER.test(value))
        return fail(name, "INVALID_DOUBLE", `${value} was not a valid number.`);
      return { ok: true, value };
    case "bool": {
      const lower = value.toLowerCase();
      if (lower !== "true" && lower !== "false")
        return fail(name, "INVALID_BOOLEAN", `${value} was not a valid boolean (true or false).`);
      return { ok: true, value: lower };
    }
    case "datetime": {
      const ms = trimmed ? undefined : instantOf(value);
      if (ms === undefined)
        return fail(
          name,
          "INVALID_DATETIME",
          `${value} was not a valid datetime (ISO-8601 or epoch milliseconds).`,
        );
      return { ok: true, value: new Date(ms).toISOString() };
    }
    case "date": {
      const ms = trimmed ? undefined : instantOf(value);
      if (ms === undefined) return fail(name, "INVALID_DATE", `${value} was not a valid date.`);
      if (ms % 86_400_000 !== 0)
        return fail(
          name,
          "INVALID_DATE",
          `${value} is not at midnight UTC; date properties take a date only.`,
        );
      return { ok: true, value: new Date(ms).toISOString().slice(0, 10) };
    }
    case "enumeration":
      return enumerationValue(def, value, ctx);
    default:
      if (value.length > MAX_STRING)
        return fail(
          name,
          "INVALID_PROPERTY_VALUE",
          `Property "${name}" is longer than ${MAX_STRING} characters.`,
        );
      if (name === "email" && !EMAIL.test(value))
        return fail(name, "INVALID_EMAIL", `Email address ${value} is invalid`);
      return { ok: true, value };
  }
}

function enumerationValue(def: PropertyDefinition, value: string, ctx: ValueContext): ValueResult {
  if (def.referencedObjectType === "OWNER") {
    if (ctx.ownerExists(value)) return { ok: true, value };
    return fail(def.name, "INVALID_OPTION", `${value} is not a valid owner id.`);
  }
  const allowed = new Set(def.options.map((o) => o.value));
  // Multiple checkboxes hold several options separated by semicolons.
  const chosen = def.fieldType === "checkbox" ? value.split(";") : [value];
  const bad = chosen.find((v) => !allowed.has(v));
  if (bad === undefined) return { ok: true, value };
  const list = def.options.map((o) => `label: "${o.label}"\nvalue: "${o.value}"`).join(", ");
  return fail(def.name, "INVALID_OPTION", `${bad} was not one of the allowed options: [${list}]`);
}
