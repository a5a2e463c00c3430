import type { Database } from "../../db/kysely.ts";
import { deletePayment, inTransaction, invoiceKeyOf, invoiceStateOf, savePayment } from "./repo/index.ts";
import { requireCompany } from "./companies.ts";
import type { Clock } from "../../lib/clock.ts";
import type { QboChangeRule } from "../changes/index.ts";
import { toPaymentRecord } from "./payment-facts.ts";
import { parseChangeRef } from "../../connectors/qbo/wire/index.ts";
import { unreadable } from "./unreadable.ts";
import type { Enqueuer } from "../../queue/catalogue.ts";
import { queuePaymentTimelineEvent } from "./timeline.ts";

/**
 * W4: a QBO payment's applications to invoices, with its date and currency, so the reports count
 * "collected" on the day the money came in. The invoice side (balance, status) arrives separately:
 * QBO re-saves each invoice a payment touches (qbo-rule.ts). Every payment of the company is kept,
 * not only those on followed invoices: an invoice followed later then has its history, and the
 * reports only ever count payments joined to followed invoices.
 */
export function paymentChangeRule(deps: { db: Database; clock: Clock; queue?: Enqueuer }): QboChangeRule {
  return async (change) => {
    if (change.entity !== "Payment") return undefined;
    // The change feed has already refused rows without an id (changes/pull-qbo-changes.ts).
    const ref = parseChangeRef(change.object);
    if (!ref.ok) return unreadable("Payment", ref.error);
    const id = ref.value.id;
    if (ref.value.deleted) {
      const removed = await deletePayment(deps.db, change.connectionId, id);
      return {
        decision: `Payment ${id} deleted in QuickBooks; ${removed} ${removed === 1 ? "application" : "applications"} removed`,
        outcome: "ok",
      };
    }
    const conn = await requireCompany(deps.db, change.connectionId);
    const record = toPaymentRecord(change.object, conn.homeCurrency);
    if (!record.ok) {
      return {
        decision: `Payment ${id} could not be read`,
        outcome: "failed",
        errorCategory: "validation",
        errorMessage: record.error,
      };
    }
    const p = record.value;
    const now = deps.clock.now();
    const saved = await inTransaction(deps.db, async (trx) => {
      if (!(await savePayment(trx, change, p, now))) return false;
      // ADR 0038: "payment recorded" on the timeline of each followed invoice it pays, with the payment.
      for (const [qboInvoiceId, amount] of deps.queue ? p.applied : []) {
        const invoiceKey = invoiceKeyOf(change.connectionId, qboInvoiceId);
        if (!(await invoiceStateOf(trx, invoiceKey))) continue;
        await queuePaymentTimelineEvent(trx, deps.queue!, {
          invoiceKey,
          paymentId: id,
          amount,
          date: p.txnDate,
          now,
        });
      }
      return true;
    });
    const total = [...p.applied.values()].reduce((a, b) => a + b, 0);
    return saved
      ? {
          decision: `Payment ${id} of ${p.txnDate}: ${total.toFixed(2)} ${p.currency} applied to ${p.applied.size} ${p.applied.size === 1 ? "invoice" : "invoices"}`,
          outcome: "ok",
        }
      : { decision: `Payment ${id}: an older copy than the one recorded; ignored`, outcome: "skipped" };
  };
}
