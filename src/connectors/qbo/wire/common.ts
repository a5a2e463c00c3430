import { z } from "zod";
import type { Address } from "../../../domain/accounting.ts";

/**
 * Field shapes shared by QBO entities (https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/invoice
 * shows them all: `{ value, name }` references, `MetaData`, `BillAddr`). Numbers are JSON numbers,
 * but a numeric string is accepted too: Intuit's own SDKs send decimals as strings.
 */
export const money = z.union([
  z.number().finite(),
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);

/** QBO's `xs:date`: a calendar date in the company's books, kept as text. */
export const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** QBO ids are strings of digits; a number is read as one (never `z.coerce`: it makes "undefined"). */
export const id = z.union([z.string().min(1), z.number().int().transform(String)]);

/** A reference to another record; `value` is the id. */
export const ref = z.looseObject({ value: id, name: z.string().optional() });

export const metaData = z.looseObject({
  CreateTime: z.string().optional(),
  LastUpdatedTime: z.string().optional(),
});

/** What every entity carries: Id, SyncToken, MetaData, and `status` on CDC tombstones. */
export const entityBase = {
  Id: id,
  SyncToken: id.optional(),
  MetaData: metaData.optional(),
};

export const emailAddr = z.looseObject({ Address: z.string().optional() });
export const phoneNumber = z.looseObject({ FreeFormNumber: z.string().optional() });
export const webAddr = z.looseObject({ URI: z.string().optional() });

export const physicalAddress = z.looseObject({
  Line1: z.string().optional(),
  Line2: z.string().optional(),
  City: z.string().optional(),
  CountrySubDivisionCode: z.string().optional(),
  PostalCode: z.string().optional(),
  Country: z.string().optional(),
});

/** Non-empty text, else undefined: QBO sends "" for cleared fields. */
export const text = (v: string | undefined | null): string | undefined => (v ? v : undefined);

/** A timestamp such as `2015-07-24T10:33:39-07:00`; undefined when absent or unreadable. */
export function timestamp(v: string | undefined): Date | undefined {
  if (!v) return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

export function toAddress(a: z.output<typeof physicalAddress> | undefined): Address | undefined {
  if (!a) return undefined;
  const out: Address = {
    line1: text(a.Line1),
    line2: text(a.Line2),
    city: text(a.City),
    region: text(a.CountrySubDivisionCode),
    postalCode: text(a.PostalCode),
    country: text(a.Country),
  };
  return Object.values(out).some((v) => v !== undefined) ? out : undefined;
}

/** Drops undefined values so a body or a domain object carries only what is there. */
export function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Rounds to the cent: QBO compares amounts to the cent (error 6070 on a line). */
export const cents = (n: number) => Math.round(n * 100) / 100;
