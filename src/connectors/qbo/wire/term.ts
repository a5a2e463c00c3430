import { z } from "zod";
import type { Term } from "../../../domain/accounting.ts";
import { compact, entityBase } from "./common.ts";
import { wireParser } from "./parse.ts";

/**
 * A QBO Term (https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/term):
 * STANDARD terms have DueDays; DATE_DRIVEN ones DayOfMonthDue and DueNextMonthDays.
 */
export const termWire = z.looseObject({
  ...entityBase,
  Name: z.string(),
  Active: z.boolean().optional(),
  Type: z.string().optional(),
  DueDays: z.number().int().optional(),
  DayOfMonthDue: z.number().int().optional(),
  DueNextMonthDays: z.number().int().optional(),
});
export type TermWire = z.output<typeof termWire>;

export function toTerm(t: TermWire): Term {
  return compact({
    id: t.Id,
    name: t.Name || t.Id,
    active: t.Active !== false,
    dueDays: t.DueDays,
    dayOfMonthDue: t.DayOfMonthDue,
    dueNextMonthDays: t.DueNextMonthDays,
  });
}

const parser = wireParser("Term", termWire, toTerm);
export const parseTerm = parser.one;
export const parseTerms = parser.list;
export const partitionTerms = parser.each;
