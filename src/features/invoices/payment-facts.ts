import { parsePayment } from "../../connectors/qbo/wire/index.ts";
import type { PaymentRecord } from "./repo/payments.ts";
import { err, ok, type Result } from "../../lib/result.ts";

/**
 * What a QBO Payment applied to each invoice, as the reports keep it (docs/vendors/quickbooks.md
 * §3.5). The wire leaves out lines linked to other transactions (credit memos, journal entries):
 * they are not collections of an invoice. `homeCurrency` applies when QBO omits the payment's
 * currency (multicurrency off). A malformed payment is refused with the wire's reason, e.g.
 * "QuickBooks Payment 5 is malformed (TxnDate: …)".
 */
export function toPaymentRecord(raw: unknown, homeCurrency: string): Result<PaymentRecord, string> {
  const parsed = parsePayment(raw);
  if (!parsed.ok) return err(parsed.error.message);
  const p = parsed.value;
  return ok({
    qboPaymentId: p.id,
    txnDate: p.txnDate,
    currency: (p.currency ?? homeCurrency).toUpperCase(),
    qboUpdatedAt: p.updatedAt,
    applied: new Map(p.applied.map((a) => [a.invoiceId, a.amount])),
  });
}
