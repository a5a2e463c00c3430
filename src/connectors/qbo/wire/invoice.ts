import { z } from "zod";
import type { Invoice } from "../../../domain/accounting.ts";
import { calendarDate, compact, emailAddr, entityBase, money, ref, text, timestamp } from "./common.ts";
import { wireParser } from "./parse.ts";
import { salesLineBody, salesLineWire, toSalesLines, type NewSalesLine } from "./sales-line.ts";

/**
 * A QBO Invoice as we read it
 * (https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/invoice).
 * QBO has no "paid" or "overdue" field: the status is derived from Balance, TotalAmt, DueDate and
 * the delivery fields, so those are required or typed strictly here.
 */
export const invoiceWire = z.looseObject({
  ...entityBase,
  DocNumber: z.string().optional(),
  CustomerRef: ref,
  CurrencyRef: ref.optional(),
  TxnDate: calendarDate.optional(),
  DueDate: calendarDate.optional(),
  TotalAmt: money,
  Balance: money,
  TxnTaxDetail: z.looseObject({ TotalTax: money.optional() }).optional(),
  EmailStatus: z.string().optional(),
  PrintStatus: z.string().optional(),
  DeliveryInfo: z.looseObject({ DeliveryTime: z.string().optional() }).optional(),
  BillEmail: emailAddr.optional(),
  PrivateNote: z.string().optional(),
  CustomerMemo: z.looseObject({ value: z.string().optional() }).optional(),
  SalesTermRef: ref.optional(),
  Line: z.array(salesLineWire).optional(),
});
export type InvoiceWire = z.output<typeof invoiceWire>;

export function toInvoice(i: InvoiceWire): Invoice {
  return compact({
    id: i.Id,
    syncToken: i.SyncToken,
    docNumber: text(i.DocNumber),
    customer: compact({ id: i.CustomerRef.value, name: text(i.CustomerRef.name) }),
    currency: i.CurrencyRef?.value.toUpperCase(),
    txnDate: i.TxnDate,
    dueDate: i.DueDate,
    totalAmt: i.TotalAmt,
    balance: i.Balance,
    totalTax: i.TxnTaxDetail?.TotalTax,
    emailStatus: text(i.EmailStatus),
    printStatus: text(i.PrintStatus),
    deliveredAt: text(i.DeliveryInfo?.DeliveryTime),
    billEmail: text(i.BillEmail?.Address),
    privateNote: text(i.PrivateNote),
    customerMemo: text(i.CustomerMemo?.value),
    termId: i.SalesTermRef?.value,
    lines: toSalesLines(i.Line),
    updatedAt: timestamp(i.MetaData?.LastUpdatedTime),
  });
}

const parser = wireParser("Invoice", invoiceWire, toInvoice);
export const parseInvoice = parser.one;
export const parseInvoices = parser.list;
export const partitionInvoices = parser.each;

export interface NewInvoice {
  customerId: string;
  txnDate: string;
  dueDate?: string;
  termId?: string;
  /** The message on the invoice (QBO's CustomerMemo, ≤ 1000 characters). */
  customerMemo?: string;
  lines: NewSalesLine[];
}

/**
 * `POST /invoice` body. `EmailStatus: NotSet` leaves it unsent ("awaiting send"). No DocNumber:
 * QBO numbers it, which is why custom transaction numbers must be off (requirement I9, docs/requirements.md).
 */
export function invoiceBody(inv: NewInvoice): Record<string, unknown> {
  return {
    CustomerRef: { value: inv.customerId },
    TxnDate: inv.txnDate,
    ...(inv.dueDate ? { DueDate: inv.dueDate } : {}),
    ...(inv.termId ? { SalesTermRef: { value: inv.termId } } : {}),
    ...(inv.customerMemo ? { CustomerMemo: { value: inv.customerMemo } } : {}),
    EmailStatus: "NotSet",
    Line: inv.lines.map((line, i) => salesLineBody(line, i + 1)),
  };
}
