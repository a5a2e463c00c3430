import type { Database } from "../../db/kysely.ts";
import {
  dealsOfInvoice,
  inTransaction,
  invoicesThatMayTurn,
  recordOf,
  setInvoiceState,
} from "./repo/index.ts";
import { recordLedger } from "../activity/index.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Enqueuer, JobContext } from "../../queue/catalogue.ts";
import { stateOf } from "./facts.ts";
import { mirrorInvoice, updateDealProperties } from "./jobs.ts";
import { fireAutomations } from "../automations/index.ts";
import { queueTimelineEvents } from "./timeline.ts";

/**
 * `overdue-pass` (S5): QBO announces no event when a due date passes, so every invoice that can
 * still change status by time alone is re-derived here. It runs hourly (each company turns the
 * day at its own midnight) and on demand from the Invoices page; it reads only our database.
 */
export async function overduePassHandler(
  deps: { db: Database; clock: Clock; queue: Enqueuer },
  ctx: JobContext<{ portalId?: string }>,
): Promise<void> {
  const now = deps.clock.now();
  let moved = 0;
  for (const row of await invoicesThatMayTurn(deps.db, ctx.payload.portalId)) {
    const state = stateOf(recordOf(row), now, row.timeZone);
    if (state === row.state) continue;
    moved += 1;
    await inTransaction(deps.db, async (trx) => {
      await setInvoiceState(trx, row.invoiceKey, state, now);
      await deps.queue.enqueue(trx, mirrorInvoice, { invoiceKey: row.invoiceKey });
      const moved = { ...row, totalAmt: Number(row.totalAmt), from: row.state, to: state, now };
      await fireAutomations(trx, deps.queue, moved); // W3: invoice automations, once per invoice and event
      await queueTimelineEvents(trx, deps.queue, moved); // ADR 0038: on the HubSpot timeline
      for (const dealId of await dealsOfInvoice(trx, row.invoiceKey))
        await deps.queue.enqueue(trx, updateDealProperties, { portalId: row.portalId, dealId });
      await recordLedger(trx, {
        portalId: row.portalId,
        connectionId: row.connectionId,
        objectType: "invoice",
        objectId: row.qboInvoiceId,
        trigger: "timer",
        decision: `Invoice ${row.docNumber ?? row.qboInvoiceId}: ${row.state} → ${state} (due ${row.dueDate})`,
        outcome: "ok",
        jobId: ctx.jobId,
        at: now,
      });
    });
  }
  ctx.log.info({ moved }, "overdue pass done");
}
