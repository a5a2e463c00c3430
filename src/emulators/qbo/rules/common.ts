import type { Entity, EntityName } from "../entities.ts";
import { refValue } from "../entities.ts";
import type { FaultError, FaultType } from "../faults.ts";
import type { Company } from "../store.ts";

/** A refusal, carried up to the route that turns it into Intuit's Fault envelope. */
export class QboFault extends Error {
  constructor(
    readonly status: number,
    readonly type: FaultType,
    readonly error: FaultError,
  ) {
    super(`${error.code} ${error.message}: ${error.detail}`);
  }
}

export const validation = (code: string, message: string, detail: string, element = "") =>
  new QboFault(400, "ValidationFault", { code, message, detail, element });

export const faults = {
  required: (detail: string, element = "") =>
    validation(
      "2020",
      "Required param missing, need to supply the required value for the API",
      detail,
      element,
    ),
  invalidRef: (what: string, id: string, element = "") =>
    validation(
      "2500",
      "Invalid Reference Id",
      `Invalid Reference Id : ${what} assigned to this transaction has been deleted. Before you can modify this transaction, you must restore ${what} (Id ${id}).`,
      element,
    ),
  notFound: (entity: string, id: string) =>
    validation(
      "610",
      "Object Not Found",
      `Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees. (${entity} ${id})`,
    ),
  stale: () =>
    validation(
      "5010",
      "Stale Object Error",
      "Stale Object Error : You and root were working on this at the same time. root finished before you did, so your work was not saved.",
    ),
  duplicateName: () =>
    validation(
      "6240",
      "Duplicate Name Exists Error",
      "The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name.",
    ),
  business: (detail: string) =>
    validation(
      "6000",
      "A business validation error has occurred while processing your request",
      `Business Validation Error: ${detail}`,
    ),
  unsupported: (detail: string) => validation("500", "Unsupported Operation", detail),
  invalidProperty: (detail: string, element = "") =>
    validation("2010", "Request has invalid or unsupported property", detail, element),
  stringLength: (field: string, max: number) =>
    validation(
      "2050",
      "Invalid String Length",
      `String length is either shorter or longer than supported by specification. Min:0 Max:${max} supplied:${field}`,
      field,
    ),
  enumeration: (field: string, value: string) =>
    validation("2170", "Invalid Enumeration", `Invalid Enumeration : ${value}`, field),
};

/** What every rule needs: the company, the moment, and the request's `include=` flags. */
export interface RuleContext {
  company: Company;
  now: Date;
  include: Set<string>;
}

/** Rounds money to cents without binary-fraction surprises (0.1 + 0.2). */
export function money(value: number): number {
  return Math.round((value + Number.EPSILON) * 100) / 100;
}

export function asNumber(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(n))
    throw faults.invalidProperty(`Invalid number for ${field}: ${String(value)}`, field);
  return n;
}

export function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return String(value);
}

/** Resolves a reference to an active entity, or refuses as QBO does (2500 / 2020). */
export function resolveRef(
  ctx: RuleContext,
  entity: EntityName,
  ref: unknown,
  element: string,
  opts: { required?: boolean; allowInactive?: boolean } = {},
): Entity | undefined {
  const id = refValue(ref);
  if (id === undefined) {
    if (opts.required)
      throw faults.required(`Required parameter ${element} is missing in the request`, element);
    return undefined;
  }
  const found = ctx.company.get(entity, id);
  if (!found || (!opts.allowInactive && found.Active === false)) throw faults.invalidRef(entity, id, element);
  return found;
}

/** A reference as QBO returns it: the id and the current display name. */
export function ref(value: string, name?: unknown): { value: string; name?: string } {
  return typeof name === "string" && name !== "" ? { value, name } : { value };
}

/** Drops keys whose value is undefined: QBO returns only properties that have values. */
export function compact<T extends Entity>(entity: T): T {
  for (const key of Object.keys(entity)) if (entity[key] === undefined) delete entity[key];
  return entity;
}
