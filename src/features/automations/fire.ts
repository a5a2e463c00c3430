import type { Database } from "../../db/kysely.ts";
import { insertFiring, matchingRules } from "./repo.ts";
import type { InvoiceStateColumn } from "../../db/schema/index.ts";
import { randomId } from "../../lib/ids.ts";
import type { Enqueuer } from "../../queue/catalogue.ts";
import { eventsOf } from "./events.ts";
import { deliverAutomation } from "./jobs.ts";

export interface InvoiceTransition {
  invoiceKey: string;
  portalId: string;
  connectionId: string;
  totalAmt: number;
  /** The stored state before this change; undefined when the invoice was just first stored. */
  from: InvoiceStateColumn | undefined;
  to: InvoiceStateColumn;
  now: Date;
}

/**
 * The hook of W3, called inside the transaction that changes an invoice's state (track.ts and the
 * overdue pass). Each matching rule gets one firing row per invoice and event, and a delivery job
 * in the same transaction. The row's unique key is what makes it exactly once: a replayed change,
 * a second worker or a restart finds the row and queues nothing. The pipeline filter needs HubSpot,
 * so the delivery job checks it.
 */
export async function fireAutomations(trx: Database, queue: Enqueuer, t: InvoiceTransition): Promise<number> {
  const events = eventsOf(t.from, t.to);
  if (events.length === 0) return 0;
  const rules = await matchingRules(trx, {
    portalId: t.portalId,
    events,
    connectionId: t.connectionId,
    amount: t.totalAmt,
  });
  let fired = 0;
  for (const rule of rules) {
    const firingId = randomId(12);
    const fresh = await insertFiring(
      trx,
      { firingId, ruleId: rule.ruleId, portalId: t.portalId, invoiceKey: t.invoiceKey, event: rule.event },
      t.now,
    );
    if (!fresh) continue;
    await queue.enqueue(trx, deliverAutomation, { firingId });
    fired += 1;
  }
  return fired;
}
