import { parseChange, parseInvoice } from "../../connectors/qbo/wire/index.ts";
import type { Invoice, Tombstone } from "../../domain/accounting.ts";
import type { InvoiceRecord } from "./repo/invoices.ts";
import type { InvoiceStateColumn } from "../../db/schema/index.ts";
import { invoiceStatus, type InvoiceFacts } from "./status.ts";

export type { InvoiceRecord } from "./repo/invoices.ts";

/** A QBO invoice as read (a record, or a CDC tombstone), through the QBO wire mapper. */
export const readQboInvoice = parseChange(parseInvoice);

/**
 * The record we keep of an invoice (or of a CDC tombstone, which carries only its id and time).
 * `homeCurrency` applies when QBO omits the currency (multicurrency off); what a tombstone lacks
 * is kept from `previous`.
 */
export function toInvoiceRecord(
  inv: Invoice | Tombstone,
  homeCurrency: string,
  previous?: InvoiceRecord,
): InvoiceRecord {
  const qboUpdatedAt = inv.updatedAt ?? previous?.qboUpdatedAt ?? new Date(0);
  if ("deleted" in inv) {
    if (previous) return { ...previous, deleted: true, qboUpdatedAt };
    return {
      qboInvoiceId: inv.id,
      docNumber: null,
      customerId: "",
      customerName: "",
      currency: homeCurrency.toUpperCase(),
      totalAmt: 0,
      balance: 0,
      txnDate: null,
      dueDate: null,
      emailStatus: null,
      printStatus: null,
      deliveredAt: null,
      privateNote: null,
      deleted: true,
      qboUpdatedAt,
    };
  }
  return {
    qboInvoiceId: inv.id,
    docNumber: inv.docNumber ?? null,
    customerId: inv.customer.id,
    customerName: inv.customer.name ?? previous?.customerName ?? "",
    currency: (inv.currency ?? homeCurrency).toUpperCase(),
    totalAmt: inv.totalAmt,
    balance: inv.balance,
    txnDate: inv.txnDate ?? null,
    dueDate: inv.dueDate ?? null,
    emailStatus: inv.emailStatus ?? null,
    printStatus: inv.printStatus ?? null,
    deliveredAt: inv.deliveredAt ?? null,
    privateNote: inv.privateNote ?? null,
    deleted: false,
    qboUpdatedAt,
  };
}

export function factsOf(r: InvoiceRecord): InvoiceFacts {
  return {
    dueDate: r.dueDate ?? undefined,
    totalAmt: r.totalAmt,
    balance: r.balance,
    emailStatus: r.emailStatus ?? undefined,
    printStatus: r.printStatus ?? undefined,
    deliveredAt: r.deliveredAt ?? undefined,
    deleted: r.deleted,
    privateNote: r.privateNote ?? undefined,
  };
}

/** S1 on a stored record, at `now`, in the company's time zone. */
export function stateOf(r: InvoiceRecord, now: Date, timeZone: string): InvoiceStateColumn {
  return invoiceStatus(factsOf(r), now, timeZone);
}
