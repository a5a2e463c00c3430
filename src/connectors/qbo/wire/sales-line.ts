import { z } from "zod";
import type { SalesLine } from "../../../domain/accounting.ts";
import { cents, compact, id, money, ref, text } from "./common.ts";

/**
 * A transaction line (invoice, estimate). Only `SalesItemLineDetail` lines are item lines; QBO
 * also answers a `SubTotalLineDetail` line, and discount or group lines when used
 * (https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/invoice#the-invoice-object).
 */
export const salesLineWire = z.looseObject({
  Id: id.optional(),
  LineNum: z.number().int().optional(),
  Amount: money,
  DetailType: z.string(),
  Description: z.string().optional(),
  SalesItemLineDetail: z
    .looseObject({
      ItemRef: ref.optional(),
      Qty: money.optional(),
      UnitPrice: money.optional(),
      TaxCodeRef: ref.optional(),
    })
    .optional(),
});
export type SalesLineWire = z.output<typeof salesLineWire>;

/** The item lines of a transaction, in QBO's order; other kinds of line are left out. */
export function toSalesLines(lines: SalesLineWire[] | undefined): SalesLine[] {
  return (lines ?? [])
    .filter((l) => l.DetailType === "SalesItemLineDetail")
    .map((l) => {
      const d = l.SalesItemLineDetail ?? {};
      return compact({
        id: l.Id,
        lineNum: l.LineNum,
        itemId: d.ItemRef?.value,
        itemName: text(d.ItemRef?.name),
        description: text(l.Description),
        // QBO may leave out Qty and UnitPrice on a line keyed by amount only: it is then one of Amount.
        quantity: d.Qty ?? 1,
        unitPrice: d.UnitPrice ?? l.Amount,
        amount: l.Amount,
        taxCodeId: d.TaxCodeRef?.value,
      });
    });
}

/** A line we write. */
export interface NewSalesLine {
  itemId: string;
  itemName?: string;
  description?: string;
  quantity: number;
  unitPrice: number;
  /** Outside the US each line needs one; a US company computes its own sales tax, so none there. */
  taxCodeId?: string;
}

/** One sales line as QBO wants it: `Amount` must equal `Qty × UnitPrice` to the cent (error 6070). */
export function salesLineBody(line: NewSalesLine, lineNum: number): Record<string, unknown> {
  return {
    LineNum: lineNum,
    DetailType: "SalesItemLineDetail",
    Amount: cents(line.quantity * line.unitPrice),
    ...(line.description ? { Description: line.description } : {}),
    SalesItemLineDetail: {
      ItemRef: { value: line.itemId, ...(line.itemName ? { name: line.itemName } : {}) },
      Qty: line.quantity,
      UnitPrice: line.unitPrice,
      ...(line.taxCodeId ? { TaxCodeRef: { value: line.taxCodeId } } : {}),
    },
  };
}
