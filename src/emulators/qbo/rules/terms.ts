import type { Entity } from "../entities.ts";
import { addDays } from "../time.ts";

/**
 * DueDate from a term (docs/vendors/quickbooks.md §3.7): standard terms add DueDays to TxnDate; date-driven
 * terms fall due on DayOfMonthDue, in the next month when the invoice is dated within
 * DueNextMonthDays of that day.
 */
export function dueDateFor(term: Entity, txnDate: string): string {
  const dueDays = term.DueDays;
  if (dueDays !== undefined && dueDays !== null) return addDays(txnDate, Number(dueDays));
  const day = Number(term.DayOfMonthDue ?? 1);
  const nextMonthWithin = Number(term.DueNextMonthDays ?? 0);
  const [y, m, d] = txnDate.split("-").map(Number) as [number, number, number];
  let year = y;
  let month = m; // 1-based
  const daysToDue = day - d;
  if (daysToDue < 0 || daysToDue < nextMonthWithin) {
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const dd = Math.min(day, last);
  return `${year}-${String(month).padStart(2, "0")}-${String(dd).padStart(2, "0")}`;
}
