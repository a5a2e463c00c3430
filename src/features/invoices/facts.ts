import type { QboEntity } from "../../connectors/qbo/client.ts";
import type { InvoiceRecord } from "./repo/invoices.ts";
import type { InvoiceStateColumn } from "../../db/schema/index.ts";
import { invoiceStatus, type InvoiceFacts } from "./status.ts";

export type { InvoiceRecord } from "./repo/invoices.ts";

type Ref = { value?: unknown; name?: unknown } | undefined;
const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const num = (v: unknown): number => (typeof v === "number" ? v : Number(v ?? 0) || 0);

/**
 * Maps a QBO Invoice (or a CDC tombstone, `status: "Deleted"`, which carries only Id and
 * MetaData) to the record. `homeCurrency` applies when QBO omits CurrencyRef (multicurrency off).
 */
export function toInvoiceRecord(
  inv: QboEntity,
  homeCurrency: string,
  previous?: InvoiceRecord,
): InvoiceRecord {
  const deleted = inv.status === "Deleted";
  const updated = inv.MetaData?.LastUpdatedTime;
  const qboUpdatedAt = updated ? new Date(updated) : (previous?.qboUpdatedAt ?? new Date(0));
  if (deleted && previous) return { ...previous, deleted: true, qboUpdatedAt };
  const customer = inv.CustomerRef as Ref;
  const currency = inv.CurrencyRef as Ref;
  const delivery = inv.DeliveryInfo as { DeliveryTime?: unknown } | undefined;
  const memo = inv.PrivateNote;
  return {
    qboInvoiceId: inv.Id,
    docNumber: str(inv.DocNumber),
    customerId: String(customer?.value ?? previous?.customerId ?? ""),
    customerName: String(customer?.name ?? previous?.customerName ?? ""),
    currency: String(currency?.value ?? homeCurrency).toUpperCase(),
    totalAmt: num(inv.TotalAmt),
    balance: num(inv.Balance),
    txnDate: str(inv.TxnDate),
    dueDate: str(inv.DueDate),
    emailStatus: str(inv.EmailStatus),
    printStatus: str(inv.PrintStatus),
    deliveredAt: str(delivery?.DeliveryTime),
    privateNote: str(memo),
    deleted,
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
