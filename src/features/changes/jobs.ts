import { z } from "zod";
import type { Database } from "../../db/kysely.ts";
import type { Clock } from "../../lib/clock.ts";
import { defineJob, handledJob, type Enqueuer } from "../../queue/catalogue.ts";
import type { VendorClients } from "../connections/index.ts";
import { processHubSpotEventsHandler, type HubSpotEventRule } from "./hubspot-events.ts";
import { pollHubSpotHandler, type HubSpotRecordRule } from "./poll-hubspot.ts";
import { pullQboChangesHandler, type QboChangeRule } from "./pull-qbo-changes.ts";
import { reconcileAllHandler } from "./timers.ts";

/**
 * How vendor changes come in. Singleton keys keep one of each waiting per
 * connection: fifty webhooks for one company make one CDC pull, not fifty.
 * A pull only reads QBO and moves its checkpoint after applying, so retrying it soon is always
 * safe: a CDC read that failed (its own retries spent on a vendor's bad moment) is tried again
 * after 1 to 2 s, doubling from there, rather than leaving a payment's status 8 to 15 s behind.
 */
export const pullQboChanges = defineJob({
  name: "pull-qbo-changes",
  payload: z.object({ connectionId: z.string().min(1), reason: z.enum(["webhook", "timer", "user"]) }),
  singletonKey: (p) => p.connectionId,
  retry: { delaySeconds: 2, backoff: true },
});

export const processHubSpotEvents = defineJob({
  name: "process-hubspot-events",
  payload: z.object({ portalId: z.string().min(1) }),
  singletonKey: (p) => p.portalId,
});

/** The timer of the safety net: fans out to every active connection and portal. */
export const reconcileAll = defineJob({
  name: "reconcile-all",
  payload: z.object({}),
  cron: { expression: "*/5 * * * *", payload: {} },
  retry: { limit: 1 },
});

export const pollHubSpot = defineJob({
  name: "poll-hubspot",
  payload: z.object({ portalId: z.string().min(1), objectType: z.enum(["quotes", "invoices"]) }),
  singletonKey: (p) => `${p.portalId}:${p.objectType}`,
});

/** What the features run on each change; features/catalogue.ts composes it from their declarations. */
export interface ChangeRules {
  qbo: QboChangeRule[];
  hubspot: HubSpotEventRule[];
  hubspotRecords: HubSpotRecordRule[];
}

interface Deps {
  db: Database;
  clock: Clock;
  clients: VendorClients;
  queue: Enqueuer;
  rules: ChangeRules;
}

export const changeJobs = [
  handledJob(pullQboChanges, (d: Deps, ctx) =>
    pullQboChangesHandler({ db: d.db, clock: d.clock, clients: d.clients, rules: d.rules.qbo }, ctx),
  ),
  handledJob(processHubSpotEvents, (d: Deps, ctx) =>
    processHubSpotEventsHandler({ db: d.db, clock: d.clock, rules: d.rules.hubspot }, ctx),
  ),
  handledJob(reconcileAll, (d: Deps) => reconcileAllHandler(d)),
  handledJob(pollHubSpot, (d: Deps, ctx) =>
    pollHubSpotHandler({ db: d.db, clock: d.clock, clients: d.clients, rules: d.rules.hubspotRecords }, ctx),
  ),
];
