import type { Database } from "../../db/kysely.ts";
import { invoiceKeyOf } from "./repo/invoices.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Enqueuer } from "../../queue/catalogue.ts";
import type { QboChangeRule } from "../changes/index.ts";
import { trackInvoices } from "./track.ts";
import { loadSettings } from "../settings/index.ts";
import { customerLinksOf } from "./customer-links.ts";

/**
 * S5: a change to an invoice Ledgerlink follows (sent, paid, edited, voided, deleted) refreshes its
 * facts and status and queues its deals' properties. QBO re-saves an invoice when a payment is
 * applied to or removed from it (its Balance changes), so payments arrive here as invoice changes.
 * Invoices nobody added are not ours to show (E1) unless the company's invoice sync is on (V1):
 * then "create and update" follows every new invoice (origin "synced"), associated with the HubSpot
 * contact or company its customer is linked to; "update only" and "do nothing" leave new ones alone.
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
    const invoiceSync = (await loadSettings(deps.db, change.connectionId)).invoices;
    const startSync =
      !known &&
      invoiceSync.enabled &&
      invoiceSync.createUpdate === "create_and_update" &&
      change.object.status !== "Deleted";
    if (!known && !startSync) return undefined;
    const conn = await deps.db
      .selectFrom("qboConnections")
      .select(["portalId", "connectionId", "realmId", "homeCurrency", "timeZone"])
      .where("connectionId", "=", change.connectionId)
      .executeTakeFirstOrThrow();
    const links = startSync ? await customerLinksOf(deps.db, conn.connectionId, change.object) : [];
    await deps.db.transaction().execute((trx) =>
      trackInvoices(trx, deps.queue, {
        connection: conn,
        invoices: [change.object],
        origin: startSync ? "synced" : "added",
        links,
        now: deps.clock.now(),
      }),
    );
    if (!known) {
      const name = String(change.object.DocNumber ?? change.object.Id);
      return { decision: `Invoice ${name} created in QuickBooks: synced to HubSpot (V1)`, outcome: "ok" };
    }
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
