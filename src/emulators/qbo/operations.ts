import type { Entity, EntityName } from "./entities.ts";
import { READ_ONLY, SINGLETONS, TRANSACTIONS } from "./entities.ts";
import { faults, money, type RuleContext } from "./rules/common.ts";
import { prepareAccount, prepareCustomer, prepareItem, prepareTerm, presentCustomer } from "./rules/names.ts";
import { appliedByPayment, preparePayment } from "./rules/payment.ts";
import { paymentLinks, prepareSales } from "./rules/sales.ts";
import { prepareCompanyInfo, preparePreferences } from "./rules/settings.ts";

type Prepare = (ctx: RuleContext, draft: Entity, existing?: Entity) => Entity;

const prepare: Partial<Record<EntityName, Prepare>> = {
  Customer: prepareCustomer,
  Item: prepareItem,
  Account: prepareAccount,
  Term: prepareTerm,
  Invoice: (ctx, draft, existing) => prepareSales(ctx, "Invoice", draft, existing),
  Estimate: (ctx, draft, existing) => prepareSales(ctx, "Estimate", draft, existing),
  Payment: preparePayment,
  Preferences: preparePreferences,
  CompanyInfo: prepareCompanyInfo,
};

/** Fields the server owns: never taken from a request body. */
const SERVER_FIELDS = ["Id", "SyncToken", "MetaData", "domain", "sparse", "status"];

function withoutServerFields(body: Entity): Entity {
  const copy = { ...body };
  for (const key of SERVER_FIELDS) delete copy[key];
  return copy;
}

/** An entity as a response shows it (derived fields such as a customer's Balance filled in). */
export function present(ctx: Pick<RuleContext, "company">, entity: EntityName, value: Entity): Entity {
  return entity === "Customer" ? presentCustomer(ctx, value) : { ...value };
}

export function read(ctx: RuleContext, entity: EntityName, id: string): Entity {
  const found = ctx.company.get(entity, id);
  if (!found) throw faults.notFound(entity, id);
  return present(ctx, entity, found);
}

export function create(ctx: RuleContext, entity: EntityName, body: Entity): Entity {
  const rule = prepare[entity];
  if (!rule || READ_ONLY.has(entity) || SINGLETONS.has(entity)) {
    throw faults.unsupported(`Operation Create is not supported for ${entity}`);
  }
  const prepared = rule(ctx, withoutServerFields(body));
  const stored = ctx.company.put(entity, { ...prepared, Id: ctx.company.nextId(entity) }, ctx.now, "Create");
  afterWrite(ctx, entity, stored, undefined);
  return present(ctx, entity, stored);
}

/** Loads the target of an update, delete or void and checks its SyncToken (5010 when stale). */
function current(ctx: RuleContext, entity: EntityName, body: Entity): Entity {
  const id = body.Id;
  if (id === undefined || id === null || id === "")
    throw faults.required("Required parameter Id is missing in the request", "Id");
  if (!/^\d+$/.test(String(id))) throw faults.invalidProperty(`Invalid ID: ${String(id)}`, "Id");
  const existing = ctx.company.get(entity, String(id));
  if (!existing) throw faults.notFound(entity, String(id));
  if (body.SyncToken === undefined || body.SyncToken === null) {
    throw faults.required("Required parameter SyncToken is missing in the request", "SyncToken");
  }
  if (String(body.SyncToken) !== String(existing.SyncToken)) throw faults.stale();
  return existing;
}

/**
 * Full update replaces every writable field (left-out ones are cleared); sparse update changes
 * only the fields given, and a given `Line` array replaces all lines (docs/vendors/quickbooks.md §4.2).
 */
export function update(ctx: RuleContext, entity: EntityName, body: Entity): Entity {
  const rule = prepare[entity];
  if (!rule || READ_ONLY.has(entity))
    throw faults.unsupported(`Operation Update is not supported for ${entity}`);
  const existing = current(ctx, entity, body);
  const sparse = body.sparse === true || body.sparse === "true";
  const changes = withoutServerFields(body);
  let draft: Entity;
  if (sparse || SINGLETONS.has(entity)) draft = { ...withoutServerFields(existing), ...changes };
  else draft = changes;
  if (entity === "Customer" && sparse && changes.DisplayName === "") draft.DisplayName = existing.DisplayName;
  const prepared = rule(ctx, draft, existing);
  const stored = ctx.company.put(entity, { ...prepared, Id: existing.Id }, ctx.now, "Update");
  afterWrite(ctx, entity, stored, existing);
  return present(ctx, entity, stored);
}

export function remove(ctx: RuleContext, entity: EntityName, body: Entity): Entity {
  if (!TRANSACTIONS.has(entity)) throw faults.unsupported(`Operation Delete is not supported for ${entity}`);
  const existing = current(ctx, entity, body);
  const id = String(existing.Id);
  if (entity === "Invoice") unlinkPaymentsFrom(ctx, id);
  ctx.company.remove(entity, id, ctx.now);
  if (entity === "Payment")
    for (const invoiceId of appliedByPayment(existing).keys()) recomputeInvoice(ctx, invoiceId);
  return { status: "Deleted", domain: "QBO", Id: id };
}

/**
 * Void keeps the record with zero amounts and "Voided" prepended to its PrivateNote
 * (docs/vendors/quickbooks.md §4.5).
 */
export function voidTxn(ctx: RuleContext, entity: EntityName, body: Entity): Entity {
  if (entity !== "Invoice" && entity !== "Payment") {
    throw faults.unsupported(`Operation Void is not supported for ${entity}`);
  }
  const existing = current(ctx, entity, body);
  const id = String(existing.Id);
  let voided: Entity;
  if (entity === "Invoice") {
    unlinkPaymentsFrom(ctx, id);
    voided = {
      ...existing,
      Line: ((existing.Line ?? []) as Entity[]).map((l) => ({ ...l, Amount: 0 })),
      TxnTaxDetail: { TotalTax: 0 },
      TotalAmt: 0,
      Balance: 0,
      Deposit: 0,
      HomeTotalAmt: existing.HomeTotalAmt === undefined ? undefined : 0,
      HomeBalance: existing.HomeBalance === undefined ? undefined : 0,
      LinkedTxn: [],
      PrivateNote: voidedNote(existing.PrivateNote),
    };
  } else {
    voided = {
      ...existing,
      TotalAmt: 0,
      UnappliedAmt: 0,
      Line: [],
      PrivateNote: voidedNote(existing.PrivateNote),
    };
  }
  const stored = ctx.company.put(entity, voided, ctx.now, "Void");
  if (entity === "Payment")
    for (const invoiceId of appliedByPayment(existing).keys()) recomputeInvoice(ctx, invoiceId);
  return present(ctx, entity, stored);
}

/**
 * Intuit: "the string Voided is injected into PrivateNote, prepended to existing text if present"
 * (invoice and payment references). The separator is not documented; we write "Voided - <note>".
 */
function voidedNote(previous: unknown): string {
  const note = typeof previous === "string" ? previous.trim() : "";
  return note ? `Voided - ${note}` : "Voided";
}

/** `invoice/{id}/send`: EmailStatus becomes EmailSent and DeliveryInfo records the send (§4.6). */
export function send(ctx: RuleContext, entity: EntityName, id: string, sendTo: string | undefined): Entity {
  if (entity !== "Invoice" && entity !== "Estimate")
    throw faults.unsupported(`Operation Send is not supported for ${entity}`);
  const existing = ctx.company.get(entity, id);
  if (!existing) throw faults.notFound(entity, id);
  const address = sendTo ?? ((existing.BillEmail ?? {}) as Entity).Address;
  if (typeof address !== "string" || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) {
    throw faults.business("A valid email address is required to send this transaction.");
  }
  const stamp = ctx.company.stamp(ctx.now);
  const stored = ctx.company.put(
    entity,
    {
      ...existing,
      BillEmail: { Address: address },
      EmailStatus: "EmailSent",
      DeliveryInfo: { DeliveryType: "Email", DeliveryTime: stamp },
    },
    ctx.now,
    "Emailed",
  );
  ctx.company.outbox.push({ entity, id, to: address, at: ctx.now.toISOString() });
  return present(ctx, entity, stored);
}

function afterWrite(ctx: RuleContext, entity: EntityName, stored: Entity, existing: Entity | undefined) {
  if (entity === "Payment") {
    const invoices = new Set([...appliedByPayment(existing).keys(), ...appliedByPayment(stored).keys()]);
    for (const invoiceId of invoices) recomputeInvoice(ctx, invoiceId);
  }
  if (entity === "Invoice") {
    for (const link of (stored.LinkedTxn ?? []) as Entity[]) {
      if (link.TxnType === "Estimate") closeEstimate(ctx, String(link.TxnId), String(stored.Id));
    }
  }
}

/** An invoiced estimate links back to its invoice and is Closed (docs/vendors/quickbooks.md §3.4). */
function closeEstimate(ctx: RuleContext, estimateId: string, invoiceId: string) {
  const estimate = ctx.company.get("Estimate", estimateId);
  if (!estimate) return;
  const links = (estimate.LinkedTxn ?? []) as Entity[];
  if (links.some((l) => l.TxnType === "Invoice" && String(l.TxnId) === invoiceId)) return;
  ctx.company.put(
    "Estimate",
    { ...estimate, TxnStatus: "Closed", LinkedTxn: [...links, { TxnId: invoiceId, TxnType: "Invoice" }] },
    ctx.now,
    "Update",
  );
}

/** Re-derives an invoice's Balance and payment links from the payments that apply to it. */
function recomputeInvoice(ctx: RuleContext, invoiceId: string) {
  const invoice = ctx.company.get("Invoice", invoiceId);
  if (!invoice) return;
  const links = paymentLinks(ctx, invoiceId);
  const applied = money(links.reduce((sum, l) => sum + l.amount, 0));
  const balance = money(Number(invoice.TotalAmt ?? 0) - applied);
  const linked = [
    ...((invoice.LinkedTxn ?? []) as Entity[]).filter((l) => l.TxnType !== "Payment"),
    ...[...new Set(links.map((l) => l.paymentId))].map((id) => ({ TxnId: id, TxnType: "Payment" })),
  ];
  if (balance === invoice.Balance && JSON.stringify(linked) === JSON.stringify(invoice.LinkedTxn ?? []))
    return;
  const rate = Number(invoice.ExchangeRate ?? 1);
  ctx.company.put(
    "Invoice",
    {
      ...invoice,
      Balance: balance,
      LinkedTxn: linked,
      ...(invoice.HomeBalance !== undefined ? { HomeBalance: money(balance * rate) } : {}),
    },
    ctx.now,
    "Update",
  );
}

/** Removes an invoice from every payment that applied to it; the money becomes unapplied. */
function unlinkPaymentsFrom(ctx: RuleContext, invoiceId: string) {
  for (const payment of [...ctx.company.table("Payment").values()]) {
    const lines = (payment.Line ?? []) as Entity[];
    const kept = lines.filter(
      (l) =>
        !((l.LinkedTxn ?? []) as Entity[]).some(
          (t) => t.TxnType === "Invoice" && String(t.TxnId) === invoiceId,
        ),
    );
    if (kept.length === lines.length) continue;
    const applied = kept.reduce((sum, l) => sum + Number(l.Amount ?? 0), 0);
    ctx.company.put(
      "Payment",
      { ...payment, Line: kept, UnappliedAmt: money(Number(payment.TotalAmt ?? 0) - applied) },
      ctx.now,
      "Update",
    );
  }
}
