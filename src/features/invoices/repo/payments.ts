import type { Database } from "../../../db/kysely.ts";
import { invoiceKeyOf } from "./invoices.ts";

/** One QBO payment as the reports need it: its date, currency, and what it applied to each invoice. */
export interface PaymentRecord {
  qboPaymentId: string;
  txnDate: string;
  currency: string;
  qboUpdatedAt: Date;
  /** Amount applied per QBO invoice id (lines to the same invoice are summed). */
  applied: Map<string, number>;
}

/**
 * Replaces what a payment applies (an edited payment may move money between invoices). An older
 * copy than the one stored is ignored (a late webhook pull after a reconcile). Returns whether
 * anything was written. Call it inside a transaction: delete and insert commit together.
 */
export async function savePayment(
  db: Database,
  target: { portalId: string; connectionId: string },
  p: PaymentRecord,
  now: Date,
): Promise<boolean> {
  if (await isNewerStored(db, target.connectionId, p.qboPaymentId, p.qboUpdatedAt)) return false;
  await deletePayment(db, target.connectionId, p.qboPaymentId);
  const rows = [...p.applied].map(([qboInvoiceId, amount]) => ({
    connectionId: target.connectionId,
    portalId: target.portalId,
    qboPaymentId: p.qboPaymentId,
    qboInvoiceId,
    invoiceKey: invoiceKeyOf(target.connectionId, qboInvoiceId),
    txnDate: p.txnDate,
    amount: amount.toFixed(2),
    currency: p.currency,
    qboUpdatedAt: p.qboUpdatedAt,
    recordedAt: now,
  }));
  if (rows.length) await db.insertInto("paymentApplications").values(rows).execute();
  return true;
}

/** A payment deleted (or voided to nothing) in QBO no longer counts as collected. */
export async function deletePayment(
  db: Database,
  connectionId: string,
  qboPaymentId: string,
): Promise<number> {
  const res = await db
    .deleteFrom("paymentApplications")
    .where("connectionId", "=", connectionId)
    .where("qboPaymentId", "=", qboPaymentId)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

async function isNewerStored(db: Database, connectionId: string, paymentId: string, updatedAt: Date) {
  const row = await db
    .selectFrom("paymentApplications")
    .select("qboUpdatedAt")
    .where("connectionId", "=", connectionId)
    .where("qboPaymentId", "=", paymentId)
    .executeTakeFirst();
  return row !== undefined && row.qboUpdatedAt.getTime() > updatedAt.getTime();
}
