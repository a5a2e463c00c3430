import { handledJob } from "../../queue/catalogue.ts";
import { checkHealthJob, notifyIncident } from "./definitions.ts";
import { notifyIncidentHandler, type NotifyDeps } from "./notify.ts";
import { checkHealth, type CheckDeps } from "./service.ts";

export const healthJobs = [
  handledJob(checkHealthJob, async (d: CheckDeps) => {
    await checkHealth(d);
  }),
  handledJob(notifyIncident, (d: NotifyDeps, ctx) => notifyIncidentHandler(d, ctx)),
];
