import { failure, success, type Outcome } from "./failures.ts";
import type { StoredRecord } from "./object-table.ts";
import { dealStage } from "./pipelines.ts";
import type { Portal } from "./portal.ts";

/**
 * What HubSpot does beyond storing values, per object type: defaults and required properties
 * on create, line items priced from their product, deal stage facts, invoice numbering and status
 * rules, and parent totals (deal amount, quote amount, invoice amount billed) from line items.
 * Functions here fill or derive values; `records.ts` validates, stores and reports the changes.
 */

type Values = Record<string, string>;

const DAY_MS = 86_400_000;
/** Invoice payment terms when `hs_due_date` is not given. */
const DEFAULT_TERMS_DAYS = 30;

const INVOICE_TRANSITIONS: Record<string, string[]> = {
  draft: ["open"],
  open: ["paid", "voided"],
  // A payment removed in the accounting system reopens the invoice.
  paid: ["open"],
  voided: [],
};

const required = (name: string) => ({
  name,
  error: "REQUIRED_PROPERTY",
  message: `Property "${name}" is required.`,
});

/** Money as HubSpot shows calculated amounts: at most two decimals, no trailing zeros. */
export function money(n: number): string {
  return String(Number(n.toFixed(2)));
}

const num = (v: string | null | undefined) =>
  v === undefined || v === null || v === "" ? undefined : Number(v);

export interface CreateContext {
  portal: Portal;
  now: Date;
  /** Object types the create body associates with (an invoice created open needs a contact and line items). */
  associatedTypes: Set<string>;
}

export function beforeCreate(objectType: string, values: Values, ctx: CreateContext): Outcome<Values> {
  const { portal, now } = ctx;
  switch (objectType) {
    case "contacts":
      if (values.email) values.email = values.email.toLowerCase();
      return success(values);
    case "deals":
      values.pipeline ||= "default";
      Object.assign(values, stageFacts(values.dealstage));
      return success(values);
    case "line_items":
      return priceLineItem(portal, undefined, values);
    case "quotes": {
      const missing = ["hs_title", "hs_expiration_date"].filter((n) => !values[n]);
      if (missing.length) return failure({ kind: "validation", issues: missing.map(required) });
      values.hs_status ||= "DRAFT";
      values.hs_currency ||= portal.settings.companyCurrency;
      values.hs_quote_amount = "0";
      return success(values);
    }
    case "invoices": {
      if (!values.hs_currency) return failure({ kind: "validation", issues: [required("hs_currency")] });
      values.hs_invoice_status ||= "draft";
      values.hs_number = `INV-${portal.next("invoice-number", 1001)}`;
      const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
      values.hs_invoice_date ||= new Date(today).toISOString().slice(0, 10);
      const invoiceDay = Date.parse(values.hs_invoice_date);
      values.hs_due_date ||= new Date(invoiceDay + DEFAULT_TERMS_DAYS * DAY_MS).toISOString().slice(0, 10);
      values.hs_amount_billed = "0";
      values.hs_amount_paid ||= "0";
      values.hs_balance_due = money(0 - Number(values.hs_amount_paid));
      if (values.hs_invoice_status !== "draft") {
        const opened = checkCanOpen(
          ctx.associatedTypes.has("contacts"),
          ctx.associatedTypes.has("line_items"),
        );
        if (opened) return opened;
      }
      return success(values);
    }
    default:
      return success(values);
  }
}

export function beforeUpdate(
  objectType: string,
  record: StoredRecord,
  values: Values,
  portal: Portal,
): Outcome<Values> {
  switch (objectType) {
    case "contacts":
      if (values.email) values.email = values.email.toLowerCase();
      return success(values);
    case "deals":
      if ("dealstage" in values) Object.assign(values, stageFacts(values.dealstage));
      return success(values);
    case "line_items":
      return priceLineItem(portal, record, values);
    case "invoices":
      return invoiceUpdate(record, values, portal);
    default:
      return success(values);
  }
}

function stageFacts(stageId: string | undefined): Values {
  const stage = stageId ? dealStage(stageId) : undefined;
  if (!stage) return {};
  return {
    hs_deal_stage_probability:
      stage.probability === "1.0" ? "1" : stage.probability === "0.0" ? "0" : stage.probability,
    hs_is_closed: String(stage.isClosed),
    hs_is_closed_won: String(stage.id === "closedwon"),
  };
}

/**
 * A line item with `hs_product_id` takes the product's name, price, SKU and description unless
 * the same write gives them; `amount` is quantity × (price − unit discount), or less the
 * percentage discount when no unit discount is set (docs/vendors/hubspot.md §3).
 */
function priceLineItem(portal: Portal, record: StoredRecord | undefined, values: Values): Outcome<Values> {
  const productId = values.hs_product_id;
  if (productId && productId !== record?.properties.hs_product_id) {
    const product = portal.record("products", productId);
    if (!product || product.archived)
      return failure({
        kind: "validation",
        issues: [
          {
            name: "hs_product_id",
            error: "INVALID_OBJECT_ID",
            message: `Product with id ${productId} does not exist.`,
          },
        ],
      });
    for (const name of ["name", "price", "hs_sku", "description"]) {
      const copied = product.properties[name];
      if (!(name in values) && copied) values[name] = copied;
    }
  }
  const inputs = ["quantity", "price", "discount", "hs_discount_percentage", "hs_product_id"];
  if (record && !inputs.some((n) => n in values)) return success(values);
  const value = (n: string) => num(n in values ? values[n] : record?.properties[n]);
  const price = value("price") ?? 0;
  const quantity = value("quantity") ?? 1;
  const unitDiscount = value("discount");
  const percent = value("hs_discount_percentage") ?? 0;
  const unitNet = unitDiscount !== undefined ? price - unitDiscount : price * (1 - percent / 100);
  values.amount = money(quantity * unitNet);
  return success(values);
}

function checkCanOpen(hasContact: boolean, hasLineItems: boolean): Outcome<never> | undefined {
  if (hasContact && hasLineItems) return undefined;
  return failure({
    kind: "bad_request",
    message:
      "An invoice needs an associated contact and at least one line item before its status can leave draft.",
  });
}

function invoiceUpdate(record: StoredRecord, values: Values, portal: Portal): Outcome<Values> {
  const from = record.properties.hs_invoice_status ?? "draft";
  const to = values.hs_invoice_status;
  if (to && to !== from) {
    if (!INVOICE_TRANSITIONS[from]?.includes(to))
      return failure({ kind: "bad_request", message: `Invoice status cannot change from ${from} to ${to}.` });
    if (from === "draft") {
      const live = (type: string) =>
        portal.associations
          .list("invoices", record.id, type)
          .some((l) => portal.record(type, l.toId)?.archived === false);
      const blocked = checkCanOpen(live("contacts"), live("line_items"));
      if (blocked) return blocked;
    }
    if (to === "paid" && !("hs_amount_paid" in values))
      values.hs_amount_paid = record.properties.hs_amount_billed ?? "0";
  }
  if ("hs_amount_paid" in values) {
    const billed = num(record.properties.hs_amount_billed) ?? 0;
    values.hs_balance_due = money(billed - (num(values.hs_amount_paid) ?? 0));
  }
  return success(values);
}

/** Parents whose totals follow their line items. */
export const LINE_ITEM_PARENTS = ["deals", "quotes", "invoices"];

/** The calculated values of a parent from its live line items (only those that differ). */
export function parentTotals(portal: Portal, objectType: string, record: StoredRecord): Values {
  const items = portal.associations
    .list(objectType, record.id, "line_items")
    .map((l) => portal.record("line_items", l.toId))
    .filter((r): r is StoredRecord => r !== undefined && !r.archived);
  const total = money(items.reduce((sum, item) => sum + (num(item.properties.amount) ?? 0), 0));
  const out: Values = {};
  if (objectType === "deals" && items.length > 0) out.amount = total;
  if (objectType === "quotes") out.hs_quote_amount = total;
  if (objectType === "invoices") {
    out.hs_amount_billed = total;
    out.hs_balance_due = money(Number(total) - (num(record.properties.hs_amount_paid) ?? 0));
  }
  for (const [name, value] of Object.entries(out)) if (record.properties[name] === value) delete out[name];
  return out;
}
