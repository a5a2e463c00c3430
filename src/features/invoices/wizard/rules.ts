import type { QboItem } from "../../../connectors/qbo/lists.ts";
import type { Quote } from "../../../domain/crm.ts";
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

/**
 * A quote is usable through its expiry day (compared with "today" in the company's time zone); one
 * without a readable expiry does not expire, and one without a status is a draft (the wire's
 * `parseOfferedQuotes` reads both so).
 */
export function quoteState(quote: Pick<Quote, "status" | "expiresOn">, today: string): QuoteState {
  if (quote.status === "DRAFT") return { usable: false, reason: "draft" };
  if (!PUBLISHED.has(quote.status)) return { usable: false, reason: "not_published" };
  const expires = quote.expiresOn;
  if (expires && expires < today) return { usable: false, reason: "expired", on: expires };
  return { usable: true };
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
