import type { QboItem } from "../../../connectors/qbo/lists.ts";
import { norm } from "../../record-sync/index.ts";
import type { DraftLine } from "./draft.ts";

/**
 * The wizard's decisions that need no I/O, table-tested: which quotes can be used (I2), how a
 * quote's line item finds its QBO item (I4), and which HubSpot party stands for the customer (I3).
 */
export type QuoteState =
  { usable: true } | { usable: false; reason: "draft" | "not_published" | "expired"; on?: string };

/** A quote is published once it needs no approval or has been approved (docs/vendors/hubspot.md §3, quotes). */
const PUBLISHED = new Set(["APPROVAL_NOT_NEEDED", "APPROVED"]);

export function quoteState(props: Record<string, string | null>, today: string): QuoteState {
  const status = props.hs_status ?? "DRAFT";
  if (status === "DRAFT") return { usable: false, reason: "draft" };
  if (!PUBLISHED.has(status)) return { usable: false, reason: "not_published" };
  const expires = expiryDate(props.hs_expiration_date);
  if (expires && expires < today) return { usable: false, reason: "expired", on: expires };
  return { usable: true };
}

/**
 * The calendar day a quote expires: HubSpot datetimes come as ISO strings, older portals and
 * imports as epoch milliseconds. A quote is usable through its expiry day (compared with "today"
 * in the company's time zone).
 */
export function expiryDate(value: string | null | undefined): string | undefined {
  const v = (value ?? "").trim();
  if (/^\d{4}-\d{2}-\d{2}/.test(v)) return v.slice(0, 10);
  if (/^\d{10,}$/.test(v)) return new Date(Number(v)).toISOString().slice(0, 10);
  return undefined;
}

export interface HubSpotLine {
  id: string;
  name?: string;
  sku?: string;
  productId?: string;
  /** The product's `qbo_item_id` (the link contact/product sync keeps), when there is one. */
  linkedItemId?: string;
  quantity: number;
  price: number;
  description?: string;
}

/** I4: the stored product link, then SKU, then name (normalised as record sync matches); else unmapped. */
export function itemFor(line: HubSpotLine, items: QboItem[]): QboItem | undefined {
  if (line.linkedItemId) {
    const linked = items.find((i) => i.id === line.linkedItemId);
    if (linked) return linked;
  }
  if (line.sku) {
    const bySku = items.filter((i) => norm(i.sku) === norm(line.sku));
    if (bySku.length === 1) return bySku[0];
  }
  const byName = items.filter((i) => norm(i.name) === norm(line.name));
  return byName.length === 1 ? byName[0] : undefined;
}

export function draftLinesFrom(lines: HubSpotLine[], items: QboItem[]): DraftLine[] {
  return lines.map((line, i) => {
    const item = itemFor(line, items);
    return {
      key: `q${i + 1}`,
      hubspotLineItemId: line.id,
      hubspotName: line.name,
      hubspotSku: line.sku,
      hubspotProductId: line.productId,
      itemId: item?.id,
      itemName: item?.name,
      description: line.description ?? line.name,
      quantity: line.quantity > 0 ? line.quantity : 1,
      unitPrice: line.price >= 0 ? line.price : 0,
      taxCodeId: item?.taxCodeId,
    };
  });
}
