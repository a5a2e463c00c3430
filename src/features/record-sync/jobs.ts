import { z } from "zod";
import { defineJob, handledJob } from "../../queue/catalogue.ts";
import type { ChangeRules } from "../changes/index.ts";
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
  retry: { limit: 5, delaySeconds: 30, backoff: true },
  expireInSeconds: 4 * 3600,
});

export const recordSyncJobs = [
  handledJob(reconcileHubSpotRecords, (d: RunDeps, ctx) => reconcileHubSpotRecordsHandler(d, ctx)),
  handledJob(initialSync, (d: RunDeps, ctx) => initialSyncHandler(d, ctx)),
];

/** Customer and Item changes in QBO, contact, company and product events in HubSpot. */
export function recordSyncRules(deps: RuleDeps): Partial<ChangeRules> {
  return { qbo: [recordChangeRule(deps)], hubspot: [recordEventRule(deps)] };
}
