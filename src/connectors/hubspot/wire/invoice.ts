import type { z } from "zod";
import type { HubSpotInvoice } from "../../../domain/crm.ts";
import { base, compact, crmObject, dayProp, numberProp, propertyMap, textProp } from "./common.ts";
import { wireParser } from "./parse.ts";

/**
 * HubSpot's invoice object (0-53, https://developers.hubspot.com/docs/api/crm/invoices), the mirror
 * of a QBO invoice. `qbo_*` are our own properties (sync/portal-properties.ts). Its status moves
 * draft → open → paid/voided only. Ask for `HUBSPOT_INVOICE_PROPERTIES`.
 */
export const HUBSPOT_INVOICE_PROPERTIES = [
  "hs_invoice_status",
  "hs_number",
  "hs_currency",
  "hs_invoice_date",
  "hs_due_date",
  "hs_amount_billed",
  "hs_amount_paid",
  "hs_balance_due",
  "qbo_invoice_key",
  "qbo_invoice_id",
] as const;

export const hubspotInvoiceWire = crmObject({
  hs_invoice_status: textProp,
  hs_number: textProp,
  hs_currency: textProp,
  hs_invoice_date: dayProp,
  hs_due_date: dayProp,
  hs_amount_billed: numberProp,
  hs_amount_paid: numberProp,
  hs_balance_due: numberProp,
  qbo_invoice_key: textProp,
  qbo_invoice_id: textProp,
});
export type HubSpotInvoiceWire = z.output<typeof hubspotInvoiceWire>;

export function toHubSpotInvoice(o: HubSpotInvoiceWire): HubSpotInvoice {
  const p = o.properties;
  return compact({
    ...base(o),
    status: p.hs_invoice_status,
    number: p.hs_number,
    currency: p.hs_currency?.toUpperCase(),
    invoiceDate: p.hs_invoice_date,
    dueDate: p.hs_due_date,
    amountBilled: p.hs_amount_billed,
    amountPaid: p.hs_amount_paid,
    balanceDue: p.hs_balance_due,
    qboInvoiceKey: p.qbo_invoice_key,
    qboInvoiceId: p.qbo_invoice_id,
  });
}

const parser = wireParser("invoices", hubspotInvoiceWire, toHubSpotInvoice);
export const parseHubSpotInvoice = parser.one;
export const parseHubSpotInvoices = parser.list;
export const partitionHubSpotInvoices = parser.each;

/** The HubSpot-defined fields of the mirror we write (our `qbo_*` properties are the feature's own). */
export interface InvoiceObjectFields {
  title?: string;
  currency?: string;
  invoiceDate?: string;
  dueDate?: string;
}

export function invoiceObjectProperties(f: InvoiceObjectFields): Record<string, string> {
  return propertyMap({
    hs_title: f.title,
    hs_currency: f.currency,
    hs_invoice_date: f.invoiceDate,
    hs_due_date: f.dueDate,
  });
}

/** One step of the status machine; a voided invoice keeps what was paid, anything else is told it. */
export function invoiceStatusProperties(status: string, amountPaid?: number): Record<string, string> {
  return propertyMap({
    hs_invoice_status: status,
    hs_amount_paid: status === "voided" || amountPaid === undefined ? undefined : amountPaid.toFixed(2),
  });
}
