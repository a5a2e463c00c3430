import { daysBetween, inRange, type InvoiceFact, type PaymentFact, type ReportFilter } from "./facts.ts";

export interface MonthRow {
  month: string;
  invoicedCents: number;
  collectedCents: number;
}

/** Invoiced (by invoice date) and collected (by payment date) per calendar month, oldest first. */
export function invoicedVsCollected(
  invoices: InvoiceFact[],
  payments: PaymentFact[],
  f: ReportFilter,
): MonthRow[] {
  const months = new Map<string, MonthRow>();
  const row = (date: string) => {
    const month = date.slice(0, 7);
    let r = months.get(month);
    if (!r) months.set(month, (r = { month, invoicedCents: 0, collectedCents: 0 }));
    return r;
  };
  for (const i of invoices)
    if (i.txnDate && inRange(i.txnDate, f)) row(i.txnDate).invoicedCents += i.totalCents;
  for (const p of payments) if (inRange(p.txnDate, f)) row(p.txnDate).collectedCents += p.cents;
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}

export const AGING_BUCKETS = ["current", "1-30", "31-60", "61-90", "90+"] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/** Which bucket an open invoice falls in, by days past its due date in its company's "today". */
export function agingBucket(i: Pick<InvoiceFact, "dueDate" | "today">): AgingBucket {
  const late = i.dueDate ? daysBetween(i.dueDate, i.today) : 0;
  if (late <= 0) return "current";
  if (late <= 30) return "1-30";
  if (late <= 60) return "31-60";
  if (late <= 90) return "61-90";
  return "90+";
}

const isOpen = (i: InvoiceFact) => i.balanceCents > 0;
const issuedInRange = (i: InvoiceFact, f: ReportFilter) => !(f.from || f.to) || inRange(i.txnDate, f);

export interface AgingRow {
  bucket: AgingBucket;
  count: number;
  openCents: number;
}

/** Open receivables today, in the five aging buckets (every bucket listed, empty ones too). */
export function receivablesAging(invoices: InvoiceFact[], f: ReportFilter): AgingRow[] {
  const rows = AGING_BUCKETS.map((bucket) => ({ bucket, count: 0, openCents: 0 }));
  for (const i of invoices) {
    if (!isOpen(i) || !issuedInRange(i, f)) continue;
    const r = rows[AGING_BUCKETS.indexOf(agingBucket(i))]!;
    r.count += 1;
    r.openCents += i.balanceCents;
  }
  return rows;
}

export interface OverdueRow {
  invoice: InvoiceFact;
  daysOverdue: number;
}

/** Invoices past due with a balance, the longest overdue first. */
export function overdueInvoices(invoices: InvoiceFact[], f: ReportFilter): OverdueRow[] {
  return invoices
    .filter((i) => isOpen(i) && issuedInRange(i, f) && i.dueDate !== null && i.dueDate < i.today)
    .map((invoice) => ({ invoice, daysOverdue: daysBetween(invoice.dueDate!, invoice.today) }))
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.invoice.number.localeCompare(b.invoice.number));
}

export interface GroupRow {
  /** The owner or pipeline id; null for invoices on no deal or a deal without one. */
  key: string | null;
  label: string | null;
  invoicedCents: number;
  collectedCents: number;
  openCents: number;
}

/** Revenue per deal owner or per pipeline: invoiced and collected in the range, open today. */
export function revenueBy(
  dimension: "owner" | "pipeline",
  invoices: InvoiceFact[],
  payments: PaymentFact[],
  f: ReportFilter,
): GroupRow[] {
  const groups = new Map<string | null, GroupRow>();
  const byKey = new Map(invoices.map((i) => [i.invoiceKey, i]));
  const group = (i: InvoiceFact) => {
    const key = dimension === "owner" ? i.ownerId : i.pipelineId;
    const label = dimension === "owner" ? i.ownerName : i.pipelineLabel;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, label, invoicedCents: 0, collectedCents: 0, openCents: 0 }));
    return g;
  };
  for (const i of invoices) {
    if (inRange(i.txnDate, f) || !(f.from || f.to)) group(i).invoicedCents += i.totalCents;
    if (isOpen(i) && issuedInRange(i, f)) group(i).openCents += i.balanceCents;
  }
  for (const p of payments) {
    const i = byKey.get(p.invoiceKey);
    if (i && inRange(p.txnDate, f)) group(i).collectedCents += p.cents;
  }
  return [...groups.values()].sort(
    (a, b) => b.invoicedCents - a.invoicedCents || (a.label ?? "~").localeCompare(b.label ?? "~"),
  );
}

export interface DaysToPayRow {
  invoice: InvoiceFact;
  paidOn: string;
  days: number;
}

/**
 * Days from invoice date to the payment that settled it, for invoices paid in full whose payments
 * Ledgerlink has recorded (one paid before Ledgerlink saw its payments has no date to count from).
 * In a date range, the invoices settled within it.
 */
export function daysToPay(
  invoices: InvoiceFact[],
  payments: PaymentFact[],
  f: ReportFilter,
): { rows: DaysToPayRow[]; averageDays: number | null } {
  const last = new Map<string, string>();
  for (const p of payments) if (p.txnDate > (last.get(p.invoiceKey) ?? "")) last.set(p.invoiceKey, p.txnDate);
  const rows = invoices
    .filter((i) => i.balanceCents === 0 && i.totalCents > 0 && i.txnDate && last.has(i.invoiceKey))
    .map((invoice) => {
      const paidOn = last.get(invoice.invoiceKey)!;
      return { invoice, paidOn, days: daysBetween(invoice.txnDate!, paidOn) };
    })
    .filter((r) => inRange(r.paidOn, f) || !(f.from || f.to))
    .sort((a, b) => a.paidOn.localeCompare(b.paidOn) || a.invoice.number.localeCompare(b.invoice.number));
  const averageDays = rows.length ? rows.reduce((s, r) => s + r.days, 0) / rows.length : null;
  return { rows, averageDays };
}
