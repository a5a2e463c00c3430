import type { QboItem } from "../../../connectors/qbo/lists.ts";
import { err, ok, type Result } from "../../../lib/result.ts";
import type { DraftLine } from "./draft.ts";

/**
 * The products step's edits without I/O (I4, I5): quantities, rates, items, tax codes and removals
 * as posted, checked before anything is saved. A refusal names the line (1-based) it is about.
 */
export type LineRefusal = {
  code: "number" | "item" | "tax" | "empty" | "unmapped" | "noTax";
  line?: number;
};

/** A posted form field, or undefined when the form did not carry it. */
export type Field = (name: string) => string | undefined;

/** Plain decimals only ("2", "99.50"): no signs, exponents, separators or units. */
const DECIMAL = /^\d{1,9}(\.\d{1,4})?$/;

export function parseDecimal(text: string): number | undefined {
  const t = text.trim();
  return DECIMAL.test(t) ? Number(t) : undefined;
}

/** Quantity above 0, rate 0 or more; undefined when either is not a plain number. */
function amounts(qtyText: string, priceText: string): { quantity: number; unitPrice: number } | undefined {
  const quantity = parseDecimal(qtyText);
  const unitPrice = parseDecimal(priceText);
  if (quantity === undefined || unitPrice === undefined || quantity <= 0) return undefined;
  return { quantity, unitPrice };
}

/**
 * The draft's lines with the posted edits (`qty_<key>`, `price_<key>`, `item_<key>`, `tax_<key>`,
 * `desc_<key>`, `remove_<key>`); a field the form did not carry keeps the line's value.
 * A new item on a line brings its own tax code (SalesTaxCodeRef) unless one was chosen.
 */
export function editLines(
  lines: DraftLine[],
  get: Field,
  items: ReadonlyMap<string, QboItem>,
  taxCodes?: ReadonlySet<string>,
): Result<DraftLine[], LineRefusal> {
  const out: DraftLine[] = [];
  for (const [index, line] of lines.entries()) {
    const n = index + 1;
    if (get(`remove_${line.key}`)) continue;
    const amount = amounts(
      get(`qty_${line.key}`) ?? String(line.quantity),
      get(`price_${line.key}`) ?? String(line.unitPrice),
    );
    if (!amount) return err({ code: "number", line: n });
    const posted = get(`item_${line.key}`);
    const itemId = posted === undefined ? line.itemId : posted || undefined;
    const item = itemId ? items.get(itemId) : undefined;
    if (itemId && !item) return err({ code: "item", line: n });
    const postedTax = get(`tax_${line.key}`);
    if (postedTax && taxCodes && !taxCodes.has(postedTax)) return err({ code: "tax", line: n });
    const changedItem = item !== undefined && item.id !== line.itemId;
    let taxCodeId = postedTax === undefined ? line.taxCodeId : postedTax || undefined;
    if (changedItem && !postedTax) taxCodeId = item.taxCodeId ?? taxCodeId;
    const desc = get(`desc_${line.key}`);
    out.push({
      ...line,
      ...amount,
      itemId,
      itemName: item?.name,
      description: desc === undefined ? line.description : desc.trim().slice(0, 4000) || undefined,
      taxCodeId,
    });
  }
  return ok(out);
}

/** "Add products from QuickBooks": one more line for `item`; the rate defaults to the item's price. */
export function addLine(
  lines: DraftLine[],
  item: QboItem,
  qtyText: string,
  priceText: string,
): Result<DraftLine[], LineRefusal> {
  const amount = amounts(qtyText.trim() || "1", priceText.trim() || String(item.unitPrice));
  if (!amount) return err({ code: "number", line: lines.length + 1 });
  const n = Math.max(0, ...lines.map((l) => Number(l.key.replace(/\D/g, "")) || 0)) + 1;
  return ok([
    ...lines,
    {
      key: `l${n}`,
      itemId: item.id,
      itemName: item.name,
      description: item.description ?? item.name,
      ...amount,
      taxCodeId: item.taxCodeId,
    },
  ]);
}

/** Why the lines cannot go on to the next step yet, or nothing. */
export function linesBlocker(lines: DraftLine[], taxCodes?: ReadonlySet<string>): LineRefusal | undefined {
  if (lines.length === 0) return { code: "empty" };
  const unmapped = lines.findIndex((l) => !l.itemId);
  if (unmapped >= 0) return { code: "unmapped", line: unmapped + 1 };
  if (taxCodes) {
    const missing = lines.findIndex((l) => !l.taxCodeId || !taxCodes.has(l.taxCodeId));
    if (missing >= 0) return { code: "noTax", line: missing + 1 };
  }
  return undefined;
}
