import type { QboEntity } from "../../connectors/qbo/client.ts";
import type { Database } from "../../db/kysely.ts";
import {
  dealsOfInvoice,
  invoiceKeyOf,
  linkInvoice,
  storedInvoice,
  upsertInvoice,
  type LinkedObjectType,
} from "./repo/index.ts";
import type { Enqueuer } from "../../queue/catalogue.ts";
import { readQboInvoice, stateOf, toInvoiceRecord } from "./facts.ts";
import { mirrorInvoice, recheckDealProperties, updateDealProperties } from "./jobs.ts";
import { fireAutomations } from "../automations/index.ts";
import { queueTimelineEvents } from "./timeline.ts";

/**
 * How long a deal job queued as a safety net waits: long enough for the inline write to have
 * happened (it then finds nothing to write), short enough that a crash right after the commit
 * delays the deal by seconds, not minutes.
 */
export const DEAL_SAFETY_NET_SECONDS = 10;

export interface TrackedConnection {
  portalId: string;
  connectionId: string;
  realmId: string;
  homeCurrency: string;
  timeZone: string;
}

/**
 * Starts following QBO invoices or refreshes what we know of them: stores their facts and derived
 * status, associates them with HubSpot records (E2), and queues a deal-property update for every
 * deal they drive (S2). Call it inside a transaction: the rows and the jobs commit together.
 * `invoices` are QBO's answers as the connectors return them (records or CDC tombstones), read
 * through the QBO wire mapper here; a malformed one throws (a classified "malformed" message) and
 * rolls the transaction back. Returns the invoice keys, in the order given.
 */
export async function trackInvoices(
  trx: Database,
  queue: Enqueuer,
  args: {
    connection: TrackedConnection;
    invoices: QboEntity[];
    origin: "wizard" | "added" | "synced";
    links?: Array<{ objectType: LinkedObjectType; objectId: string }>;
    now: Date;
    /**
     * The caller writes these deals' properties itself right after the commit (the pull job, ADR
     * 0040): the deals are pushed here and their jobs queued as a delayed safety net only.
     */
    writesDealsAfterCommit?: string[];
  },
): Promise<string[]> {
  const { connection, now } = args;
  const keys: string[] = [];
  for (const raw of args.invoices) {
    const read = readQboInvoice(raw);
    if (!read.ok) throw new Error(`${read.error.kind}: ${read.error.message}`);
    const invoice = read.value;
    const key = invoiceKeyOf(connection.connectionId, invoice.id);
    const stored = await storedInvoice(trx, key);
    const previous = stored?.record;
    const record = toInvoiceRecord(invoice, connection.homeCurrency, previous);
    const state = stateOf(record, now, connection.timeZone);
    const { changed } = await upsertInvoice(
      trx,
      {
        portalId: connection.portalId,
        connectionId: connection.connectionId,
        realmId: connection.realmId,
        origin: args.origin,
        state,
        record,
      },
      now,
    );
    let linked = false;
    for (const link of args.links ?? []) {
      if (await linkInvoice(trx, { invoiceKey: key, portalId: connection.portalId, ...link }, now))
        linked = true;
    }
    // W3: a state change (or a first sighting) fires the portal's invoice automations, once each.
    const transition = { invoiceKey: key, totalAmt: record.totalAmt, from: stored?.state, to: state, now };
    if (changed) await fireAutomations(trx, queue, { ...connection, ...transition });
    // ADR 0038: the same change as an event on the deal's and contact's HubSpot timeline.
    if (changed) await queueTimelineEvents(trx, queue, transition);
    if (changed || linked) {
      await queue.enqueue(trx, mirrorInvoice, { invoiceKey: key });
      const inline = args.writesDealsAfterCommit;
      for (const dealId of await dealsOfInvoice(trx, key)) {
        inline?.push(dealId);
        const payload = { portalId: connection.portalId, dealId };
        if (inline)
          await queue.enqueue(trx, recheckDealProperties, payload, {
            startAfterSeconds: DEAL_SAFETY_NET_SECONDS,
          });
        else await queue.enqueue(trx, updateDealProperties, payload);
      }
    }
    keys.push(key);
  }
  return keys;
}
