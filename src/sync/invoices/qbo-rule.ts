import type { Database } from "../../db/kysely.ts";
import { invoiceKeyOf } from "../../db/repos/invoices.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Enqueuer } from "../../queue/catalogue.ts";
import type { QboChangeRule } from "../handlers/pull-qbo-changes.ts";
import { trackInvoices } from "./track.ts";

/**
 * S5: a change to an invoice Ledgerlink follows (sent, paid, edited, voided, deleted) refreshes its
 * facts and status and queues its deals' properties. QBO re-saves an invoice when a payment is
 * applied to or removed from it (its Balance changes), so payments arrive here as invoice changes.
 * Invoices nobody added are not ours to show (E1): the rule does not apply to them.
 */
export function invoiceChangeRule(deps: { db: Database; clock: Clock; queue: Enqueuer }): QboChangeRule {
  return async (change) => {
    if (change.entity !== "Invoice") return undefined;
    const key = invoiceKeyOf(change.connectionId, change.object.Id);
    const known = await deps.db
      .selectFrom("invoices")
      .select("state")
      .where("invoiceKey", "=", key)
      .executeTakeFirst();
    if (!known) return undefined;
    const conn = await deps.db
      .selectFrom("qboConnections")
      .select(["portalId", "connectionId", "realmId", "homeCurrency", "timeZone"])
      .where("connectionId", "=", change.connectionId)
      .executeTakeFirstOrThrow();
    await deps.db.transaction().execute((trx) =>
      trackInvoices(trx, deps.queue, {
        connection: conn,
        invoices: [change.object],
        origin: "added",
        now: deps.clock.now(),
      }),
    );
    const after = await deps.db
      .selectFrom("invoices")
      .select(["state", "docNumber"])
      .where("invoiceKey", "=", key)
      .executeTakeFirstOrThrow();
    const name = after.docNumber ?? change.object.Id;
    return {
      decision:
        after.state === known.state
          ? `Invoice ${name} changed in QuickBooks; still ${after.state}`
          : `Invoice ${name} changed in QuickBooks: ${known.state} → ${after.state}`,
      outcome: "ok",
    };
  };
}
