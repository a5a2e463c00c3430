import { z } from "zod";
import type { TaxCode } from "../../../domain/accounting.ts";
import { compact, entityBase, text } from "./common.ts";
import { wireParser } from "./parse.ts";

/**
 * A QBO TaxCode (https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/taxcode).
 * Outside the US every invoice line names one; US companies use the pseudo-codes TAX/NON.
 */
export const taxCodeWire = z.looseObject({
  ...entityBase,
  Name: z.string(),
  Description: z.string().optional(),
  Active: z.boolean().optional(),
  Taxable: z.boolean().optional(),
});
export type TaxCodeWire = z.output<typeof taxCodeWire>;

export function toTaxCode(c: TaxCodeWire): TaxCode {
  return compact({
    id: c.Id,
    name: c.Name || c.Id,
    description: text(c.Description),
    active: c.Active !== false,
    taxable: c.Taxable,
  });
}

const parser = wireParser("TaxCode", taxCodeWire, toTaxCode);
export const parseTaxCode = parser.one;
export const parseTaxCodes = parser.list;
export const partitionTaxCodes = parser.each;
