import { activeCustomers, activeItems, activeTaxCodes, activeTerms } from "../../../connectors/qbo/lists.ts";
import type { VendorError } from "../../../connectors/http-client.ts";
import { saveDraft } from "../../../db/repos/drafts.ts";
import type { Result } from "../../../lib/result.ts";
import { isCalendarDate } from "../../../lib/dates.ts";
import type { MessageKey } from "../../../web/i18n/index.ts";
import { matchCustomer } from "../../../sync/customer-match.ts";
import type { DraftData, DraftLine } from "../../../sync/invoices/draft.ts";
import { dealContext, partyOf, quoteDetails } from "../../../sync/invoices/wizard-hubspot.ts";
import { draftLinesFrom, quoteState } from "../../../sync/invoices/wizard-rules.ts";
import { dueDateFor } from "../../../sync/terms.ts";
import { neighbour, type Step, type WizardCtx } from "./context.ts";
import { VendorFailed } from "./render.tsx";

/** What a step's POST decided: go to a step (saved), or show this step again with a refusal. */
export type Outcome = { go: Step; query?: Record<string, string> } | { refuse: MessageKey };

async function need<T>(vendor: string, r: Promise<Result<T, VendorError>>): Promise<T> {
  const res = await r;
  if (!res.ok) throw new VendorFailed(vendor, res.error);
  return res.value;
}

const field = (form: FormData, name: string) => String(form.get(name) ?? "").trim();
const NUMBER = /^\d{1,9}(\.\d{1,4})?$/;

/** Saves `data` and moves to `go`; a submitted draft cannot be changed any more. */
async function move(
  ctx: WizardCtx,
  data: DraftData,
  go: Step,
  query?: Record<string, string>,
): Promise<Outcome> {
  const saved = await saveDraft(ctx.deps.database.db, ctx.draft.draftId, data, go, ctx.deps.clock.now());
  return saved ? { go, query } : { refuse: "wizard.error.submitted" };
}

export async function submitCompany(ctx: WizardCtx, form: FormData): Promise<Outcome> {
  const id = field(form, "connectionId");
  const company = ctx.companies.find((x) => x.connectionId === id && x.status === "active");
  if (!company) return { refuse: "wizard.error.company" };
  // Another company means other customers, items and tax codes: start the choices again.
  const data: DraftData =
    company.connectionId === ctx.data.connectionId
      ? ctx.data
      : { lines: [], dueDateEdited: false, connectionId: company.connectionId, dealName: ctx.data.dealName };
  return move(ctx, data, neighbour(ctx, "company", 1));
}

export async function submitSource(ctx: WizardCtx, form: FormData): Promise<Outcome> {
  if (field(form, "action") === "previous") return move(ctx, ctx.data, neighbour(ctx, "source", -1));
  const value = field(form, "source");
  const deal = await need("HubSpot", dealContext(ctx.hs, ctx.draft.dealId));
  let source: NonNullable<DraftData["source"]>;
  if (value === "scratch") source = { kind: "scratch" };
  else {
    const quote = deal.quotes.find((q) => `quote:${q.id}` === value);
    // Re-checked here, not trusted from the page: a quote may have expired since it was shown (I2).
    if (!quote || !quoteState(quote.properties, ctx.today).usable) return { refuse: "wizard.error.source" };
    source = { kind: "quote", quoteId: quote.id };
  }
  const same = JSON.stringify(source) === JSON.stringify(ctx.data.source);
  if (same) return move(ctx, ctx.data, "customer");
  const qbo = ctx.qbo!;
  let lines: DraftLine[] = [];
  let ids = { contacts: deal.contacts, companies: deal.companies };
  if (source.kind === "quote") {
    const details = await need("HubSpot", quoteDetails(ctx.hs, source.quoteId));
    lines = draftLinesFrom(details.lines, await need("QuickBooks", activeItems(qbo)));
    if (details.contacts.length || details.companies.length) ids = details;
  }
  const party = await need("HubSpot", partyOf(ctx.hs, ids));
  const customers = await need("QuickBooks", activeCustomers(qbo));
  const match = party ? matchCustomer(party, customers) : { kind: "none" as const };
  const matched = match.kind === "matched" ? customers.find((x) => x.id === match.customer.id) : undefined;
  const data: DraftData = {
    ...ctx.data,
    dealName: deal.dealName,
    source,
    lines,
    party: party ?? undefined,
    customer: matched
      ? { kind: "existing", id: matched.id, displayName: matched.displayName, currency: matched.currency }
      : undefined,
  };
  return move(ctx, data, "customer");
}

export async function submitCustomer(ctx: WizardCtx, form: FormData): Promise<Outcome> {
  const previous = field(form, "action") === "previous";
  const choice = field(form, "customer");
  let customer = ctx.data.customer;
  if (choice === "new") {
    const n = {
      displayName: field(form, "new_displayName"),
      givenName: field(form, "new_givenName") || undefined,
      familyName: field(form, "new_familyName") || undefined,
      companyName: field(form, "new_companyName") || undefined,
      email: field(form, "new_email") || undefined,
      phone: field(form, "new_phone") || undefined,
    };
    if (!previous && (!n.displayName || n.displayName.length > 500))
      return { refuse: "wizard.error.displayName" };
    if (n.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(n.email)) return { refuse: "wizard.error.email" };
    customer = { kind: "new", ...n };
  } else if (choice) {
    const found = (await need("QuickBooks", activeCustomers(ctx.qbo!))).find((x) => x.id === choice);
    if (!found) return { refuse: "wizard.error.customer" };
    customer = { kind: "existing", id: found.id, displayName: found.displayName, currency: found.currency };
  }
  if (previous) return move(ctx, { ...ctx.data, customer }, "source");
  if (!customer) return { refuse: "wizard.error.customer" };
  return move(ctx, { ...ctx.data, customer }, "products");
}

export async function submitProducts(ctx: WizardCtx, form: FormData): Promise<Outcome> {
  const action = field(form, "action");
  const items = await need("QuickBooks", activeItems(ctx.qbo!));
  const byId = new Map(items.map((i) => [i.id, i]));
  const lines: DraftLine[] = [];
  for (const line of ctx.data.lines) {
    if (field(form, `remove_${line.key}`)) continue;
    const qty = field(form, `qty_${line.key}`) || String(line.quantity);
    const price = field(form, `price_${line.key}`) || String(line.unitPrice);
    if (!NUMBER.test(qty) || !NUMBER.test(price) || Number(qty) <= 0)
      return { refuse: "wizard.error.number" };
    const itemId = form.has(`item_${line.key}`) ? field(form, `item_${line.key}`) || undefined : line.itemId;
    if (itemId && !byId.has(itemId)) return { refuse: "wizard.error.item" };
    const taxCodeId = form.has(`tax_${line.key}`)
      ? field(form, `tax_${line.key}`) || undefined
      : line.taxCodeId;
    const item = itemId ? byId.get(itemId) : undefined;
    lines.push({
      ...line,
      itemId,
      itemName: item?.name,
      description: form.has(`desc_${line.key}`)
        ? field(form, `desc_${line.key}`).slice(0, 4000)
        : line.description,
      quantity: Number(qty),
      unitPrice: Number(price),
      taxCodeId: taxCodeId ?? (item && item.id !== line.itemId ? item.taxCodeId : undefined),
    });
  }
  if (action === "add") {
    const item = byId.get(field(form, "add_item"));
    if (!item) return { refuse: "wizard.error.item" };
    const qty = field(form, "add_qty") || "1";
    const price = field(form, "add_price") || String(item.unitPrice);
    if (!NUMBER.test(qty) || !NUMBER.test(price) || Number(qty) <= 0)
      return { refuse: "wizard.error.number" };
    const n = Math.max(0, ...ctx.data.lines.map((l) => Number(l.key.replace(/\D/g, "")) || 0)) + 1;
    lines.push({
      key: `l${n}`,
      itemId: item.id,
      itemName: item.name,
      description: item.description ?? item.name,
      quantity: Number(qty),
      unitPrice: Number(price),
      taxCodeId: item.taxCodeId,
    });
  }
  const data = { ...ctx.data, lines };
  const us = ctx.conn!.country === "US";
  const keep = { ...(field(form, "showTax") || action === "showTax" ? { showTax: "1" } : {}) };
  if (action === "previous") return move(ctx, data, "customer");
  if (action !== "next")
    return move(ctx, data, "products", {
      ...keep,
      ...(action === "filter" ? { itemq: field(form, "itemq") } : {}),
    });
  const saved = await move(ctx, data, "products");
  if ("refuse" in saved) return saved;
  if (lines.length === 0) return { refuse: "wizard.error.noLines" };
  if (lines.some((l) => !l.itemId)) return { refuse: "wizard.error.unmapped" };
  // I5: outside the US QuickBooks needs a tax code on every line; Next waits until each has one.
  if (!us) {
    const codes = new Set((await need("QuickBooks", activeTaxCodes(ctx.qbo!))).map((x) => x.id));
    if (lines.some((l) => !l.taxCodeId || !codes.has(l.taxCodeId))) return { refuse: "wizard.error.tax" };
  }
  return move(ctx, data, "details");
}

export async function submitDetails(ctx: WizardCtx, form: FormData): Promise<Outcome> {
  const previous = field(form, "action") === "previous";
  const terms = await need("QuickBooks", activeTerms(ctx.qbo!));
  const termId = field(form, "termId");
  const term = terms.find((x) => x.id === termId);
  if (termId && !term) return { refuse: "wizard.error.term" };
  const invoiceDate = field(form, "invoiceDate") || ctx.today;
  const posted = field(form, "dueDate");
  const message = String(form.get("message") ?? "").trim();
  if (message.length > 1000) return { refuse: "wizard.error.message" };
  if (!isCalendarDate(invoiceDate) || (posted && !isCalendarDate(posted)))
    return { refuse: "wizard.error.date" };
  // I6: the due date follows the term until the user changes the date they were shown.
  const edited = ctx.data.dueDateEdited || (posted !== "" && posted !== field(form, "shownDueDate"));
  const dueDate = edited && posted ? posted : term ? dueDateFor(term, invoiceDate) : invoiceDate;
  if (dueDate < invoiceDate) return { refuse: "wizard.error.date" };
  const data: DraftData = {
    ...ctx.data,
    termId: term?.id,
    termName: term?.name,
    invoiceDate,
    dueDate,
    dueDateEdited: edited,
    message: message || undefined,
  };
  return move(ctx, data, previous ? "products" : "review");
}
