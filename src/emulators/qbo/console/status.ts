import type { Entity } from "../entities.ts";

export type InvoiceStatus = "voided" | "paid" | "partial" | "overdue" | "open";

/**
 * The status QuickBooks shows in its invoice list, derived from the stored invoice: a void keeps the
 * record at zero with "Voided" in its note (docs/vendors/quickbooks.md §4.5), a balance of zero is
 * paid, a balance below the total is partially paid, and an open balance past its due date is overdue.
 * `today` is the company's date (YYYY-MM-DD), so "overdue" follows the company's time zone.
 */
export function invoiceStatus(invoice: Entity, today: string): InvoiceStatus {
  const total = Number(invoice.TotalAmt ?? 0);
  const balance = Number(invoice.Balance ?? 0);
  if (/^Voided\b/.test(String(invoice.PrivateNote ?? "")) && total === 0) return "voided";
  if (total > 0 && balance <= 0) return "paid";
  if (balance > 0 && typeof invoice.DueDate === "string" && invoice.DueDate < today) return "overdue";
  if (balance > 0 && balance < total) return "partial";
  return "open";
}
