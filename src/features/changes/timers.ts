import { inTransaction } from "../../db/transaction.ts";
import type { Database } from "../../db/kysely.ts";
import { activePortalIds, activeQboConnections } from "../connections/index.ts";
import type { Enqueuer } from "../../queue/catalogue.ts";
import { pollHubSpot, pullQboChanges } from "./jobs.ts";
import { RECONCILED_OBJECTS, reconcileHubSpotRecords } from "../record-sync/index.ts";
import { POLLED_OBJECTS } from "./poll-hubspot.ts";
import { backfillPayments } from "../invoices/index.ts";

/**
 * The safety nets (docs/adr/0004-webhooks-are-hints-cdc-is-truth.md): every few minutes a pull for
 * every active company, whether or not a webhook came (a lost webhook costs latency, never data).
 */
export async function reconcileAllHandler(deps: { db: Database; queue: Enqueuer }): Promise<void> {
  const active = await activeQboConnections(deps.db);
  const portals = await activePortalIds(deps.db);
  await inTransaction(deps.db, async (trx) => {
    for (const c of active) {
      await deps.queue.enqueue(trx, pullQboChanges, { connectionId: c.connectionId, reason: "timer" });
      // W4: payments from before the connection, read once (a no-op once done).
      await deps.queue.enqueue(trx, backfillPayments, { connectionId: c.connectionId });
    }
    // Quotes and invoices have no HubSpot webhooks: the same timer polls them.
    for (const portalId of portals) {
      for (const objectType of POLLED_OBJECTS) {
        await deps.queue.enqueue(trx, pollHubSpot, { portalId, objectType });
      }
      // Their webhooks are hints: the reconcile finds what a lost one carried (a no-op when not synced).
      for (const objectType of RECONCILED_OBJECTS) {
        await deps.queue.enqueue(trx, reconcileHubSpotRecords, { portalId, objectType });
      }
    }
  });
}
