import type { Entity } from "../entities.ts";
import type { ConsoleKey, Params } from "./i18n.ts";

/** A form the console refuses before asking QuickBooks anything; the page says why. */
export class FormError extends Error {
  constructor(
    readonly key: ConsoleKey,
    readonly params: Params = {},
  ) {
    super(key);
  }
}

export type Form = Record<string, string>;

/** The most lines the new-invoice form offers (no client script adds rows; "More lines" reloads). */
export const MAX_LINES = 20;

const field = (form: Form, name: string) => (form[name] ?? "").trim();

function number(text: string): number | undefined {
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
}

function date(text: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(text))) throw new FormError("err.dueDate");
  return text;
}

/**
 * The new-invoice form as the body an API client would POST to `/invoice`. Empty rows are skipped; a
 * blank rate takes the item's price (as QBO does when UnitPrice is left out); a blank due date comes
 * from the terms. Outside the US every line needs a tax code (docs/vendors/quickbooks.md §11.2).
 */
export function invoiceBody(form: Form, opts: { needsTaxCode: boolean }): Entity {
  const customer = field(form, "customer");
  if (!customer) throw new FormError("err.customer");
  const lines: Entity[] = [];
  for (let n = 1; n <= MAX_LINES; n++) {
    const [item, qty, rate, tax] = ["item", "qty", "rate", "tax"].map((k) => field(form, `${k}_${n}`));
    if (!item && !qty && !rate) continue;
    if (!item) throw new FormError("err.item", { n });
    const quantity = qty ? number(qty) : 1;
    if (quantity === undefined || quantity <= 0) throw new FormError("err.qty", { n });
    const price = rate ? number(rate) : undefined;
    if (rate && price === undefined) throw new FormError("err.rate", { n });
    if (opts.needsTaxCode && !tax) throw new FormError("err.taxCode", { n });
    lines.push({
      DetailType: "SalesItemLineDetail",
      SalesItemLineDetail: {
        ItemRef: { value: item },
        Qty: quantity,
        ...(price !== undefined ? { UnitPrice: price } : {}),
        ...(tax ? { TaxCodeRef: { value: tax } } : {}),
      },
    });
  }
  if (lines.length === 0) throw new FormError("err.noLines");
  const term = field(form, "term");
  const due = field(form, "dueDate");
  const doc = field(form, "docNumber");
  return {
    CustomerRef: { value: customer },
    Line: lines,
    ...(term ? { SalesTermRef: { value: term } } : {}),
    ...(due ? { DueDate: date(due) } : {}),
    ...(doc ? { DocNumber: doc } : {}),
  };
}

/**
 * Receive payment: one amount per open invoice of one customer (`amount_<invoiceId>`), blank ones
 * skipped. The payment's total is what is applied, so nothing is left unapplied.
 */
export function paymentBody(form: Form, invoices: Entity[]): Entity {
  const customer = field(form, "customer");
  if (!customer) throw new FormError("err.customer");
  const lines: Entity[] = [];
  for (const invoice of invoices) {
    const text = field(form, `amount_${String(invoice.Id)}`);
    if (!text) continue;
    const amount = number(text);
    if (amount === undefined || amount <= 0) {
      throw new FormError("err.amount", { number: String(invoice.DocNumber ?? invoice.Id) });
    }
    lines.push({ Amount: amount, LinkedTxn: [{ TxnId: String(invoice.Id), TxnType: "Invoice" }] });
  }
  if (lines.length === 0) throw new FormError("err.noAmounts");
  const total = Math.round(lines.reduce((sum, l) => sum + Number(l.Amount), 0) * 100) / 100;
  return { CustomerRef: { value: customer }, TotalAmt: total, Line: lines };
}

/**
 * New terms, a new due date, or both, as a sparse update. New terms alone send `DueDate: null` so the
 * due date is worked out again from them, as QBO's invoice form does when the terms change.
 */
export function termsBody(form: Form, target: Entity): Entity {
  const term = field(form, "term");
  const due = field(form, "dueDate");
  if (!term && !due) throw new FormError("err.termsOrDate");
  return {
    ...target,
    sparse: true,
    ...(term ? { SalesTermRef: { value: term } } : {}),
    DueDate: due ? date(due) : null,
  };
}

/** `sendTo` when typed, checked here so a typo is the bookkeeper's error, not QuickBooks' fault. */
export function sendTo(form: Form): string | undefined {
  const to = field(form, "sendTo");
  if (!to) return undefined;
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(to)) throw new FormError("err.email");
  return to;
}

/** The target of an update, void or delete, as the page that posted it saw it. */
export function target(form: Form, id: string): { Id: string; SyncToken?: string } {
  const syncToken = field(form, "syncToken");
  // Left out rather than blank, so QuickBooks answers "SyncToken is missing", as to an API call.
  return syncToken ? { Id: id, SyncToken: syncToken } : { Id: id };
}
