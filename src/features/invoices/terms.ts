/**
 * Due date from a QBO payment term (I6, docs/vendors/quickbooks.md §3.7). Standard terms: invoice date +
 * DueDays. Date-driven terms: the DayOfMonthDue of this month, or of next month when the invoice is
 * dated within DueNextMonthDays of that day (QuickBooks' "due next month if issued within N days").
 * Dates are calendar dates (YYYY-MM-DD): no time zone can shift them.
 */
export interface Term {
  dueDays?: number;
  dayOfMonthDue?: number;
  dueNextMonthDays?: number;
}

function parse(date: string): { y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`Not a calendar date: ${date}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function dueDateFor(term: Term, invoiceDate: string): string {
  const { y, m, d } = parse(invoiceDate);
  if (term.dueDays !== undefined) return iso(Date.UTC(y, m - 1, d + term.dueDays));
  if (term.dayOfMonthDue === undefined) return invoiceDate;
  const cutoff = term.dueNextMonthDays ?? 0;
  const thisMonthDay = Math.min(term.dayOfMonthDue, daysInMonth(y, m));
  const dueThisMonth = Date.UTC(y, m - 1, thisMonthDay);
  const issued = Date.UTC(y, m - 1, d);
  const daysBefore = (dueThisMonth - issued) / 86_400_000;
  if (daysBefore > cutoff) return iso(dueThisMonth);
  // Past the day, or too close to it: the same day of the next month (clamped to its length).
  const ny = m === 12 ? y + 1 : y;
  const nm = m === 12 ? 1 : m + 1;
  return iso(Date.UTC(ny, nm - 1, Math.min(term.dayOfMonthDue, daysInMonth(ny, nm))));
}
