import { z } from "zod";

/**
 * HubSpot CRM objects (https://developers.hubspot.com/docs/api/crm/understanding-the-crm) come as
 * `{ id, properties, createdAt, updatedAt, archived }`, every property value a string or null
 * (numbers, dates and booleans included). These shapes read the properties we rely on strictly:
 * a number property that is not a number is a malformed answer, not a silent 0.
 */
export const objectId = z.union([z.string().min(1), z.number().int().transform(String)]);

/** A text property: absent, null and "" all mean "no value". */
export const textProp = z
  .string()
  .nullish()
  .transform((v) => (v ? v : undefined));

export const numberProp = z
  .string()
  .nullish()
  .refine((v) => !v?.trim() || Number.isFinite(Number(v)), "expected a number")
  .transform((v) => (v?.trim() ? Number(v) : undefined));

/**
 * A date or datetime property as a calendar day: HubSpot sends ISO-8601 (`2026-04-01` or
 * `2026-04-01T00:00:00.000Z`), older portals and imports epoch milliseconds
 * (https://developers.hubspot.com/docs/api/crm/properties#date-and-date-time-properties).
 */
export const dayProp = z
  .string()
  .nullish()
  .refine((v) => !v?.trim() || dayOf(v) !== undefined, "expected a date")
  .transform((v) => (v?.trim() ? dayOf(v) : undefined));

export function dayOf(value: string): string | undefined {
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}/.test(v)) return v.slice(0, 10);
  if (/^\d{10,}$/.test(v)) return new Date(Number(v)).toISOString().slice(0, 10);
  return undefined;
}

/** HubSpot datetimes come as epoch milliseconds or ISO-8601, depending on the endpoint. */
export function timeOf(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms) : undefined;
}

/** One CRM object whose properties include `shape` (others are kept but not read). */
export function crmObject<S extends z.core.$ZodLooseShape>(shape: S) {
  return z.looseObject({
    id: objectId,
    properties: z.looseObject({ hs_lastmodifieddate: z.string().nullish(), ...shape }),
    updatedAt: z.string().optional(),
    archived: z.boolean().optional(),
  });
}

/** The fields every mapped object shares. */
export function base(o: {
  id: string;
  updatedAt?: string;
  archived?: boolean;
  properties: { hs_lastmodifieddate?: string | null };
}) {
  return {
    id: o.id,
    archived: o.archived ?? false,
    updatedAt: timeOf(o.updatedAt) ?? timeOf(o.properties.hs_lastmodifieddate),
  };
}

/** Drops undefined values so a domain object or a property map carries only what is there. */
export function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * A property map to write: undefined is left out, everything else sent as text. `""` clears a
 * property (HubSpot does not accept null everywhere).
 */
export function propertyMap(values: Record<string, string | number | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(values)) if (v !== undefined) out[name] = String(v);
  return out;
}
