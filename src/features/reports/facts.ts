/**
 * What every report is computed from: the followed invoices of a portal and the payments applied
 * to them, in cents (integers, so sums never drift), each invoice with the deal that carries it.
 */
export interface InvoiceFact {
  invoiceKey: string;
  connectionId: string;
  companyName: string;
  number: string;
  customerName: string;
  currency: string;
  totalCents: number;
  balanceCents: number;
  txnDate: string | null;
  dueDate: string | null;
  /** The company's "today" (its time zone), against which due dates are aged. */
  today: string;
  dealId: string | null;
  ownerId: string | null;
  ownerName: string | null;
  pipelineId: string | null;
  pipelineLabel: string | null;
}

export interface PaymentFact {
  invoiceKey: string;
  txnDate: string;
  cents: number;
}

export interface ReportFilter {
  connectionId?: string;
  currency: string;
  ownerId?: string;
  /** Inclusive calendar dates (YYYY-MM-DD): invoice dates for invoiced figures, payment dates for collected. */
  from?: string;
  to?: string;
}

export const toCents = (amount: string | number): number => Math.round(Number(amount) * 100);

export const inRange = (date: string | null, f: Pick<ReportFilter, "from" | "to">): boolean =>
  date !== null && (!f.from || date >= f.from) && (!f.to || date <= f.to);

/** Whole days from one calendar date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
