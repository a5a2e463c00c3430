import { z } from "zod";
import type { Payment } from "../../../domain/accounting.ts";
import { calendarDate, cents, compact, id, metaData, money, ref } from "./common.ts";
import { wireParser } from "./parse.ts";

/**
 * A QBO Payment as the reports use it
 * (https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/payment): each
 * line applies an amount to the transactions in its LinkedTxn. TxnDate and LastUpdatedTime are
 * required: the collection date and the checkpoint come from them.
 */
const paymentLine = z.looseObject({
  Amount: money,
  LinkedTxn: z.array(z.looseObject({ TxnId: id, TxnType: z.string() })).optional(),
});
export const paymentWire = z.looseObject({
  Id: id,
  TxnDate: calendarDate,
  CustomerRef: ref.optional(),
  CurrencyRef: ref.optional(),
  TotalAmt: money.optional(),
  UnappliedAmt: money.optional(),
  Line: z.array(paymentLine).optional(),
  MetaData: metaData.extend({ LastUpdatedTime: z.string().refine((t) => !Number.isNaN(Date.parse(t))) }),
});
export type PaymentWire = z.output<typeof paymentWire>;

/**
 * What the payment applied to each invoice. Lines linked to other transactions (credit memos,
 * journal entries) are not collections of an invoice and are left out.
 */
export function toPayment(p: PaymentWire): Payment {
  const applied = new Map<string, number>();
  for (const line of p.Line ?? []) {
    for (const link of line.LinkedTxn ?? []) {
      if (link.TxnType !== "Invoice") continue;
      applied.set(link.TxnId, cents((applied.get(link.TxnId) ?? 0) + line.Amount));
    }
  }
  return compact({
    id: p.Id,
    customerId: p.CustomerRef?.value,
    txnDate: p.TxnDate,
    currency: p.CurrencyRef?.value.toUpperCase(),
    totalAmt: p.TotalAmt,
    unappliedAmt: p.UnappliedAmt,
    applied: [...applied].map(([invoiceId, amount]) => ({ invoiceId, amount })),
    updatedAt: new Date(p.MetaData.LastUpdatedTime),
  });
}

const parser = wireParser("Payment", paymentWire, toPayment);
export const parsePayment = parser.one;
export const parsePayments = parser.list;
export const partitionPayments = parser.each;
