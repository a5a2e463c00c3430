import type { InvoiceState, InvoiceStatus } from "./status.ts";

/** One invoice associated with a deal, as the engine keeps it. */
export interface DealInvoice {
  number: string;
  recipient: string;
  amount: number;
  currency: string;
  dueDate?: string;
  state: InvoiceState;
  /** `MetaData.LastUpdatedTime` in QBO: S3 picks the most recently updated. */
  updatedAt: Date;
}

/** The five deal properties of S2; `null` clears a property in HubSpot. */
export interface DealInvoiceProperties {
  qbo_invoice_amount: string | null;
  qbo_invoice_recipient: string | null;
  qbo_invoice_number: string | null;
  qbo_invoice_status: InvoiceStatus | null;
  qbo_invoice_due_date: string | null;
}

export const CLEARED: DealInvoiceProperties = {
  qbo_invoice_amount: null,
  qbo_invoice_recipient: null,
  qbo_invoice_number: null,
  qbo_invoice_status: null,
  qbo_invoice_due_date: null,
};

/**
 * What the deal's five properties should say (S1–S4): the most recently updated invoice that is
 * not voided drives them; voided ones never do; with none left they are cleared. An invoice in
 * another currency than the portal's company currency is not written (S4): the properties keep
 * what they have (`undefined` = leave the deal alone).
 */
export function dealInvoiceProperties(
  invoices: DealInvoice[],
  portalCurrency: string,
): DealInvoiceProperties | undefined {
  const latest = latestLive(invoices);
  if (!latest) return CLEARED;
  if (!sameCurrency(latest.currency, portalCurrency)) return undefined;
  return {
    qbo_invoice_amount: latest.amount.toFixed(2),
    qbo_invoice_recipient: latest.recipient,
    qbo_invoice_number: latest.number,
    qbo_invoice_status: latest.state,
    qbo_invoice_due_date: latest.dueDate ?? null,
  };
}

/** The invoice that drives the deal's properties: the most recently updated one not voided (S3). */
function latestLive<T extends Pick<DealInvoice, "state" | "updatedAt">>(
  invoices: T[],
): (T & { state: InvoiceStatus }) | undefined {
  return invoices
    .filter((i): i is T & { state: InvoiceStatus } => i.state !== "voided")
    .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())[0];
}

export const sameCurrency = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

/** Why the deal's properties are left alone (S4), for the people who would otherwise wonder. */
export interface CurrencyMismatch {
  invoiceCurrency: string;
  portalCurrency: string;
}

/**
 * S4 as a notice: the invoice that would drive the deal's properties is in another currency than
 * the HubSpot account's, so they are not updated; undefined when they are (or are cleared).
 */
export function currencyMismatch(
  invoices: Array<Pick<DealInvoice, "currency" | "state" | "updatedAt">>,
  portalCurrency: string,
): CurrencyMismatch | undefined {
  const latest = latestLive(invoices);
  if (!latest || sameCurrency(latest.currency, portalCurrency)) return undefined;
  return { invoiceCurrency: latest.currency.toUpperCase(), portalCurrency: portalCurrency.toUpperCase() };
}
