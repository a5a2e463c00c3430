import { z } from "zod";
import type { Item } from "../../../domain/accounting.ts";
import { compact, entityBase, money, ref, text, timestamp } from "./common.ts";
import { wireParser } from "./parse.ts";

/**
 * A QBO Item as we read it
 * (https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/item).
 * Name is required and unique across items, inactive ones included.
 */
export const itemWire = z.looseObject({
  ...entityBase,
  Name: z.string(),
  Type: z.string().optional(),
  Sku: z.string().optional(),
  UnitPrice: money.optional(),
  Description: z.string().optional(),
  SalesTaxCodeRef: ref.optional(),
  Taxable: z.boolean().optional(),
  Active: z.boolean().optional(),
  IncomeAccountRef: ref.optional(),
  QtyOnHand: money.optional(),
});
export type ItemWire = z.output<typeof itemWire>;

/** Services, non-inventory and inventory items can be an invoice line; categories and bundles cannot. */
const UNSELLABLE = new Set(["Category", "Group"]);

export function toItem(i: ItemWire): Item {
  return compact({
    id: i.Id,
    syncToken: i.SyncToken,
    name: i.Name,
    type: text(i.Type),
    sellable: !UNSELLABLE.has(i.Type ?? ""),
    sku: text(i.Sku),
    unitPrice: i.UnitPrice ?? 0,
    description: text(i.Description),
    taxCodeId: i.SalesTaxCodeRef?.value,
    taxable: i.Taxable,
    active: i.Active !== false,
    incomeAccountId: i.IncomeAccountRef?.value,
    qtyOnHand: i.QtyOnHand,
    updatedAt: timestamp(i.MetaData?.LastUpdatedTime),
  });
}

const parser = wireParser("Item", itemWire, toItem);
export const parseItem = parser.one;
export const parseItems = parser.list;
export const partitionItems = parser.each;

export interface NewItem {
  name: string;
  /** Service unless said otherwise: it needs no inventory accounts. */
  type?: "Service" | "NonInventory";
  /** An Income account: QBO refuses a Service or NonInventory item without one. */
  incomeAccountId: string;
  sku?: string;
  unitPrice?: number;
  description?: string;
  taxable?: boolean;
}

/** `POST /item` body. */
export function itemBody(i: NewItem): Record<string, unknown> {
  return {
    Name: i.name,
    Type: i.type ?? "Service",
    IncomeAccountRef: { value: i.incomeAccountId },
    ...(i.sku ? { Sku: i.sku } : {}),
    ...(i.unitPrice !== undefined ? { UnitPrice: i.unitPrice } : {}),
    ...(i.description ? { Description: i.description } : {}),
    ...(i.taxable !== undefined ? { Taxable: i.taxable } : {}),
  };
}
