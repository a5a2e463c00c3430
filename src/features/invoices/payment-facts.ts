import { z } from "zod";
import type { QboEntity } from "../../connectors/qbo/client.ts";
import type { PaymentRecord } from "./repo/payments.ts";
import { err, ok, type Result } from "../../lib/result.ts";

// The fields of a QBO Payment the reports use (docs/vendors/quickbooks.md §3.5); anything else is ignored.
const line = z.looseObject({
  Amount: z.coerce.number().finite(),
  LinkedTxn: z.array(z.looseObject({ TxnId: z.coerce.string(), TxnType: z.string() })).optional(),
});
const payment = z.looseObject({
  Id: z.string(),
  TxnDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  CurrencyRef: z.looseObject({ value: z.string() }).optional(),
  Line: z.array(line).optional(),
  MetaData: z.looseObject({ LastUpdatedTime: z.string() }),
});

/**
 * What a QBO Payment applied to each invoice. Lines linked to other transactions (credit memos,
 * journal entries) are not collections of an invoice and are left out. `homeCurrency` applies
 * when QBO omits CurrencyRef (multicurrency off).
 */
export function toPaymentRecord(p: QboEntity, homeCurrency: string): Result<PaymentRecord, string> {
  const parsed = payment.safeParse(p);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err(`Payment ${p.Id} is malformed (${issue?.path.join(".")}: ${issue?.message})`);
  }
  const applied = new Map<string, number>();
  for (const l of parsed.data.Line ?? []) {
    for (const link of l.LinkedTxn ?? []) {
      if (link.TxnType !== "Invoice") continue;
      applied.set(link.TxnId, Math.round(((applied.get(link.TxnId) ?? 0) + l.Amount) * 100) / 100);
    }
  }
  return ok({
    qboPaymentId: parsed.data.Id,
    txnDate: parsed.data.TxnDate,
    currency: (parsed.data.CurrencyRef?.value ?? homeCurrency).toUpperCase(),
    qboUpdatedAt: new Date(parsed.data.MetaData.LastUpdatedTime),
    applied,
  });
}
