import { addLine, editLines, linesBlocker, type LineRefusal } from "../lines.ts";
import type { MessageKey } from "../../../../web/i18n/index.ts";
import { ProductsStep } from "../pages/products.tsx";
import { frame, type WizardCtx } from "./context.ts";
import { field, move, refuse, type Outcome } from "./outcome.tsx";
import { findQboItems, qboItems, qboTaxCodes } from "../service.ts";

/** The invoice's currency: the chosen customer's, else the company's. */
export function currencyOf(ctx: WizardCtx): string {
  const customer = ctx.data.customer;
  return (customer?.kind === "existing" ? customer.currency : customer?.currency) ?? ctx.conn!.homeCurrency;
}

/** I4 (lines mapped to items, "Add products from QuickBooks") and I5 (a tax code per line outside the US). */
export async function renderProducts(ctx: WizardCtx, error?: string, status: 200 | 400 = 200) {
  const { c, data } = ctx;
  const us = ctx.conn!.country === "US";
  const items = await qboItems(ctx);
  const itemQuery = (c.req.query("itemq") ?? "").trim().slice(0, 100);
  const addable = itemQuery ? await findQboItems(ctx, itemQuery) : items;
  const taxCodes = us ? undefined : await qboTaxCodes(ctx);
  // "Show product tax codes" (the seed's panel): asked for, needed after a refusal, or already in use.
  const showTax =
    !us && (c.req.query("showTax") === "1" || status === 400 || data.lines.some((l) => l.taxCodeId));
  return c.html(
    <ProductsStep
      {...frame(ctx, "products", error)}
      lines={data.lines}
      items={items}
      addable={addable}
      itemQuery={itemQuery}
      taxCodes={taxCodes}
      showTax={showTax}
      currency={currencyOf(ctx)}
    />,
    status,
  );
}

const LINE_ERRORS: Record<LineRefusal["code"], MessageKey> = {
  number: "wizard.error.numberLine",
  item: "wizard.error.itemLine",
  tax: "wizard.error.taxLine",
  empty: "wizard.error.noLines",
  unmapped: "wizard.error.unmapped",
  noTax: "wizard.error.tax",
};
const refuseLine = (r: LineRefusal) => refuse(LINE_ERRORS[r.code], { line: r.line ?? 0 });

/**
 * Every button of the step posts the whole form, so edits are never lost: they are checked first
 * (a bad number changes nothing), saved, and then Next checks that every line can be invoiced.
 */
export async function submitProducts(ctx: WizardCtx, form: FormData): Promise<Outcome> {
  const action = field(form, "action");
  const us = ctx.conn!.country === "US";
  const items = new Map((await qboItems(ctx)).map((i) => [i.id, i]));
  const taxCodes = us ? undefined : new Set((await qboTaxCodes(ctx)).map((x) => x.id));
  const get = (name: string) => (form.has(name) ? String(form.get(name)) : undefined);
  const edited = editLines(ctx.data.lines, get, items, taxCodes);
  if (!edited.ok) return refuseLine(edited.error);
  let lines = edited.value;
  if (action === "add") {
    const item = items.get(field(form, "add_item"));
    if (!item) return refuse("wizard.error.item");
    const added = addLine(lines, item, field(form, "add_qty"), field(form, "add_price"));
    if (!added.ok) return refuse("wizard.error.number");
    lines = added.value;
  }
  const data = { ...ctx.data, lines };
  if (action === "previous") return move(ctx, data, "customer");
  if (action !== "next") {
    const itemq = field(form, "itemq");
    const showTax = !us && (action === "showTax" || field(form, "showTax") === "1");
    return move(ctx, data, "products", {
      ...(itemq ? { itemq } : {}),
      ...(showTax ? { showTax: "1" } : {}),
    });
  }
  const saved = await move(ctx, data, "products");
  if ("refuse" in saved) return saved;
  const blocker = linesBlocker(lines, taxCodes);
  if (blocker) return refuseLine(blocker);
  return move(ctx, data, "details");
}
