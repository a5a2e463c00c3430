import { z } from "zod";
import { defineJob, handledJob } from "../../queue/catalogue.ts";
import type { ChangeRules } from "../changes/index.ts";
import {
  findPortal,
  findQboConnectionById,
  reconnectOf,
  requirePortalSetUp,
  WaitingFor,
} from "../connections/index.ts";
import { findInitialSync } from "./repo/initial-syncs.ts";
import { reconcileHubSpotRecordsHandler } from "./hubspot-reconcile.ts";
import { initialSyncHandler, type RunDeps } from "./initial/run.ts";
import { recordChangeRule, recordEventRule, type RuleDeps } from "./rules.ts";

/** Contacts, companies and products modified or archived in HubSpot, run through the webhook's rule. */
export const reconcileHubSpotRecords = defineJob({
  name: "reconcile-hubspot-records",
  payload: z.object({
    portalId: z.string().min(1),
    objectType: z.enum(["contacts", "companies", "products"]),
  }),
  singletonKey: (p) => `${p.portalId}:${p.objectType}`,
  // Within seconds, as the QBO pull: a reconcile that failed on one call resumes from its page.
  retry: { delaySeconds: 2, backoff: true },
});

/**
 * One initial sync run (C4), resumed from its stored progress after a pause, a crash or a retry.
 * Keyed by run: a second Start or Resume while it waits queues nothing more.
 */
export const initialSync = defineJob({
  name: "initial-sync",
  // `resume`: the Activity page's Retry of a run that gave up (ADR 0032) sets it running again first.
  payload: z.object({ syncId: z.string().min(1), resume: z.boolean().optional() }),
  singletonKey: (p) => p.syncId,
  // A batch whose calls failed four tries in a row is bad luck more often than an outage: the run
  // resumes from that batch within seconds, doubling while no batch is stored (ADR 0044).
  retry: { delaySeconds: 2, backoff: true },
  expireInSeconds: 4 * 3600,
});

export const recordSyncJobs = [
  handledJob(reconcileHubSpotRecords, async (d: RunDeps, ctx) => {
    // Contacts are matched on Ledgerlink's own unique property: the portal's set-up makes it (ADR 0033).
    await requirePortalSetUp(d.db, ctx.payload.portalId);
    return reconcileHubSpotRecordsHandler(d, ctx);
  }),
  handledJob(initialSync, async (d: RunDeps, ctx) => {
    await waitForConnections(d, ctx.payload.syncId);
    return initialSyncHandler(d, ctx);
  }),
];

/**
 * An initial sync started seconds after connecting a portal waits for the portal's set-up, and
 * one whose company or portal needs reconnecting waits for the reconnect, instead of failing for
 * good (ADR 0033): WaitingFor parks the job, and the set-up or the reconnect sends it again.
 */
async function waitForConnections(deps: RunDeps, syncId: string): Promise<void> {
  const row = await findInitialSync(deps.db, syncId);
  if (!row || row.status !== "running") return;
  const conn = await findQboConnectionById(deps.db, row.connectionId);
  const portal = conn && (await findPortal(deps.db, conn.portalId));
  if (!conn || !portal) return;
  if (conn.status === "needs_reconnect")
    throw new WaitingFor(
      reconnectOf({ kind: "qbo", connectionId: conn.connectionId }),
      "waiting for reconnect",
    );
  if (portal.status === "needs_reconnect")
    throw new WaitingFor(reconnectOf({ kind: "portal", portalId: portal.portalId }), "waiting for reconnect");
  await requirePortalSetUp(deps.db, portal.portalId);
}

/** Customer and Item changes in QBO, contact, company and product events in HubSpot. */
export function recordSyncRules(deps: RuleDeps): Partial<ChangeRules> {
  return { qbo: [recordChangeRule(deps)], hubspot: [recordEventRule(deps)] };
}
