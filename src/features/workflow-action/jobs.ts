import { z } from "zod";
import { defineJob, handledJob } from "../../queue/catalogue.ts";
import { runWorkflowActionHandler, type WorkflowDeps } from "./run.ts";

/**
 * W2: creates the invoice of one "Create QuickBooks invoice" execution and completes its callback.
 * Keyed by callbackId, so a retried action call never queues a second one.
 */
export const runWorkflowAction = defineJob({
  name: "run-workflow-action",
  payload: z.object({ callbackId: z.string().min(1).max(200) }),
  singletonKey: (p) => p.callbackId,
  retry: { delaySeconds: 10, backoff: true },
});

export const workflowActionJobs = [
  handledJob(runWorkflowAction, (d: WorkflowDeps, ctx) => runWorkflowActionHandler(d, ctx)),
];
