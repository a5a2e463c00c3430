import { z } from "zod";
import { defineJob } from "../../queue/catalogue.ts";

/** Every minute: open and resolve incidents from what the database shows (ADR 0028). */
export const checkHealthJob = defineJob({
  name: "check-health",
  payload: z.object({}),
  cron: { expression: "* * * * *", payload: {} },
  retry: { limit: 0 },
});

/** Tells the portal's automation channels about one incident, once; keyed by incident. */
export const notifyIncident = defineJob({
  name: "notify-incident",
  payload: z.object({ incidentId: z.string().min(1) }),
  singletonKey: (p) => p.incidentId,
  retry: { limit: 5, delaySeconds: 30, backoff: true },
});
