import type { z } from "zod";
import type { Product } from "../../../domain/crm.ts";
import { base, compact, crmObject, numberProp, propertyMap, textProp } from "./common.ts";
import { wireParser } from "./parse.ts";

/**
 * A HubSpot product (https://developers.hubspot.com/docs/api/crm/products). `qbo_item_id` is our
 * own property (sync/portal-properties.ts), the link product sync keeps. Ask for `PRODUCT_PROPERTIES`.
 */
export const PRODUCT_PROPERTIES = ["name", "hs_sku", "price", "description", "qbo_item_id"] as const;

export const productWire = crmObject({
  name: textProp,
  hs_sku: textProp,
  price: numberProp,
  description: textProp,
  qbo_item_id: textProp,
});
export type ProductWire = z.output<typeof productWire>;

export function toProduct(o: ProductWire): Product {
  const p = o.properties;
  return compact({
    ...base(o),
    name: p.name,
    sku: p.hs_sku,
    price: p.price,
    description: p.description,
    qboItemId: p.qbo_item_id,
  });
}

const parser = wireParser("products", productWire, toProduct);
export const parseProduct = parser.one;
export const parseProducts = parser.list;
export const partitionProducts = parser.each;

export type ProductFields = Partial<Pick<Product, "name" | "sku" | "price" | "description" | "qboItemId">>;

export function productProperties(p: ProductFields): Record<string, string> {
  return propertyMap({
    name: p.name,
    hs_sku: p.sku,
    price: p.price,
    description: p.description,
    qbo_item_id: p.qboItemId,
  });
}
