import { z } from "zod";
import { defineJob, handledJob } from "../../queue/catalogue.ts";
import { deliverAutomationHandler, type DeliverDeps } from "./deliver.ts";

/**
 * Delivers one automation firing (W3). Keyed by firing: a Retry pressed twice queues it once. A
 * failure the receiver may get over (network, 5xx, 429, a busy SMTP server) is retried with backoff.
 */
export const deliverAutomation = defineJob({
  name: "deliver-automation",
  payload: z.object({ firingId: z.string().min(1) }),
  singletonKey: (p) => p.firingId,
  retry: { delaySeconds: 30, backoff: true },
});

export const automationJobs = [
  handledJob(deliverAutomation, (d: DeliverDeps, ctx) => deliverAutomationHandler(d, ctx)),
];
