import { dateInTimeZone } from "../../lib/dates.ts";

/**
 * The five invoice statuses of S1, derived from QBO data (docs/vendors/quickbooks.md §3.3: QBO has no
 * "overdue" or "paid" field). Checked in this order: overdue, paid in full, partial payment,
 * sent to customer, awaiting send. A voided or deleted invoice has none of them.
 */
export type InvoiceStatus = "overdue" | "paid" | "partially_paid" | "sent" | "awaiting_send";
export type InvoiceState = InvoiceStatus | "voided";

export interface InvoiceFacts {
  /** `DueDate`, a calendar date in the company's books (YYYY-MM-DD). */
  dueDate?: string;
  totalAmt: number;
  balance: number;
  /** `EmailStatus`: NotSet | NeedToSend | EmailSent. */
  emailStatus?: string;
  /** `PrintStatus`: printed counts as delivered to the customer ("marked sent"). */
  printStatus?: string;
  /** Present after a send (`DeliveryInfo.DeliveryTime`). */
  deliveredAt?: string;
  /** A CDC tombstone (`status: "Deleted"`). */
  deleted?: boolean;
  /** QBO marks a voided invoice only by `PrivateNote: "Voided"` with zeroed amounts (docs/vendors/quickbooks.md §4.5). */
  privateNote?: string;
}

export function isVoided(f: InvoiceFacts): boolean {
  return (
    f.deleted === true ||
    (f.totalAmt === 0 && f.balance === 0 && /^voided\b/i.test(f.privateNote?.trim() ?? ""))
  );
}

export function invoiceStatus(f: InvoiceFacts, now: Date, timeZone: string): InvoiceState {
  if (isVoided(f)) return "voided";
  // Money is compared in cents: 0.1 + 0.2 must not leave a phantom balance.
  const balance = Math.round(f.balance * 100);
  const total = Math.round(f.totalAmt * 100);
  if (f.dueDate && f.dueDate < dateInTimeZone(timeZone, now) && balance > 0) return "overdue";
  if (balance === 0 && total > 0) return "paid";
  if (balance > 0 && balance < total) return "partially_paid";
  if (f.emailStatus === "EmailSent" || f.printStatus === "PrintComplete" || f.deliveredAt) return "sent";
  return "awaiting_send";
}
