import type { Database } from "../../db/kysely.ts";
import { inTransaction, invoiceKeyOf, invoiceStateOf } from "./repo/index.ts";
import { requireCompany } from "./companies.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Enqueuer } from "../../queue/catalogue.ts";
import type { QboChangeRule } from "../changes/index.ts";
import { trackInvoices } from "./track.ts";
import { loadSettings } from "../settings/index.ts";
import { customerLinksOf } from "./customer-links.ts";
import { readQboInvoice } from "./facts.ts";
import { unreadable } from "./unreadable.ts";
import type { VendorClients } from "../connections/index.ts";
import { updateDealPropertiesHandler } from "./deal-sync.ts";
import { silentLogger } from "../../lib/logger.ts";

/** Writes deals' properties in the pull job itself; a failure is left to the queued safety-net job. */
async function writeDealsNow(
  deps: { db: Database; clock: Clock; clients: VendorClients },
  portalId: string,
  dealIds: string[],
) {
  for (const dealId of dealIds) {
    await updateDealPropertiesHandler(deps, {
      payload: { portalId, dealId },
      jobId: `inline:${portalId}:${dealId}`,
      log: silentLogger,
      retryCount: 0,
    }).catch(() => undefined); // retried by the delayed update-deal-properties job
  }
}

/**
 * S5: a change to an invoice Ledgerlink follows (sent, paid, edited, voided, deleted) refreshes its
 * facts and status and queues its deals' properties. QBO re-saves an invoice when a payment is
 * applied to or removed from it (its Balance changes), so payments arrive here as invoice changes.
 * Invoices nobody added are not ours to show (E1) unless the company's invoice sync is on (V1):
 * then "create and update" follows every new invoice (origin "synced"), associated with the HubSpot
 * contact or company its customer is linked to; "update only" and "do nothing" leave new ones alone.
 */
export function invoiceChangeRule(deps: {
  db: Database;
  clock: Clock;
  queue: Enqueuer;
  clients: VendorClients;
}): QboChangeRule {
  return async (change) => {
    if (change.entity !== "Invoice") return undefined;
    const read = readQboInvoice(change.object);
    if (!read.ok) return unreadable("Invoice", read.error);
    const invoice = read.value;
    const key = invoiceKeyOf(change.connectionId, invoice.id);
    const known = await invoiceStateOf(deps.db, key);
    const invoiceSync = (await loadSettings(deps.db, change.connectionId)).invoices;
    const startSync =
      !known &&
      invoiceSync.enabled &&
      invoiceSync.createUpdate === "create_and_update" &&
      !("deleted" in invoice);
    if (!known && !startSync) return undefined;
    const conn = await requireCompany(deps.db, change.connectionId);
    const links =
      startSync && !("deleted" in invoice)
        ? await customerLinksOf(deps.db, conn.connectionId, invoice.customer.id)
        : [];
    const dealsNow: string[] = [];
    await inTransaction(deps.db, (trx) =>
      trackInvoices(trx, deps.queue, {
        connection: conn,
        invoices: [change.object],
        origin: startSync ? "synced" : "added",
        links,
        now: deps.clock.now(),
        writesDealsAfterCommit: dealsNow,
      }),
    );
    // One job hop fewer between QBO's change and the deal (ADR 0040): the status is written here,
    // after the commit; the delayed jobs queued with it finish the work if this process dies first.
    await writeDealsNow(deps, conn.portalId, dealsNow);
    if (!known) {
      const name = ("docNumber" in invoice ? invoice.docNumber : undefined) ?? invoice.id;
      return { decision: `Invoice ${name} created in QuickBooks: synced to HubSpot (V1)`, outcome: "ok" };
    }
    const after = await invoiceStateOf(deps.db, key);
    if (!after) throw new Error(`invoice ${key} vanished while it was being tracked`);
    const name = after.docNumber ?? invoice.id;
    return {
      decision:
        after.state === known.state
          ? `Invoice ${name} changed in QuickBooks; still ${after.state}`
          : `Invoice ${name} changed in QuickBooks: ${known.state} → ${after.state}`,
      outcome: "ok",
    };
  };
}
