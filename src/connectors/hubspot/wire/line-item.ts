import type { z } from "zod";
import type { LineItem } from "../../../domain/crm.ts";
import { base, compact, crmObject, numberProp, propertyMap, textProp } from "./common.ts";
import { wireParser } from "./parse.ts";

/**
 * A HubSpot line item (https://developers.hubspot.com/docs/api/crm/line-items): a quote's or a
 * deal's lines become invoice lines (I4); a QBO invoice's lines are mirrored as line items keyed
 * by our `qbo_line_key`. Ask for `LINE_ITEM_PROPERTIES`.
 */
export const LINE_ITEM_PROPERTIES = [
  "name",
  "quantity",
  "price",
  "hs_sku",
  "hs_product_id",
  "description",
  "hs_position_on_quote",
  "qbo_line_key",
] as const;

export const lineItemWire = crmObject({
  name: textProp,
  quantity: numberProp,
  price: numberProp,
  hs_sku: textProp,
  hs_product_id: textProp,
  description: textProp,
  hs_position_on_quote: numberProp,
  qbo_line_key: textProp,
});
export type LineItemWire = z.output<typeof lineItemWire>;

export function toLineItem(o: LineItemWire): LineItem {
  const p = o.properties;
  return compact({
    ...base(o),
    name: p.name,
    sku: p.hs_sku,
    productId: p.hs_product_id,
    quantity: p.quantity ?? 1,
    price: p.price ?? 0,
    description: p.description,
    position: p.hs_position_on_quote,
    qboLineKey: p.qbo_line_key,
  });
}

const parser = wireParser("line_items", lineItemWire, toLineItem);
export const parseLineItem = parser.one;
export const parseLineItems = parser.list;
export const partitionLineItems = parser.each;

/** Line items in the quote's order when HubSpot keeps one, else in the order given. */
export function inQuoteOrder(items: LineItem[]): LineItem[] {
  return [...items].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
}

export type LineItemFields = Partial<
  Pick<LineItem, "name" | "quantity" | "price" | "description" | "productId" | "qboLineKey">
>;

export function lineItemProperties(l: LineItemFields): Record<string, string> {
  return propertyMap({
    qbo_line_key: l.qboLineKey,
    hs_product_id: l.productId,
    name: l.name,
    quantity: l.quantity,
    price: l.price,
    description: l.description,
  });
}
