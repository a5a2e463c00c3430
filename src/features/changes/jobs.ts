import { z } from "zod";
import { defineJob } from "../../queue/catalogue.ts";

/**
 * The jobs of the sync engine core (issue 5). Singleton keys keep one of each waiting per
 * connection: fifty webhooks for one company make one CDC pull, not fifty.
 */
export const pullQboChanges = defineJob({
  name: "pull-qbo-changes",
  payload: z.object({ connectionId: z.string().min(1), reason: z.enum(["webhook", "timer", "user"]) }),
  singletonKey: (p) => p.connectionId,
  retry: { limit: 8, delaySeconds: 15, backoff: true },
});

export const processHubSpotEvents = defineJob({
  name: "process-hubspot-events",
  payload: z.object({ portalId: z.string().min(1) }),
  singletonKey: (p) => p.portalId,
});

export const setupHubSpotPortal = defineJob({
  name: "setup-portal",
  payload: z.object({ portalId: z.string().min(1), locale: z.enum(["en", "ja"]) }),
  singletonKey: (p) => p.portalId,
});

export const refreshCompanyInfo = defineJob({
  name: "refresh-company-info",
  payload: z.object({ connectionId: z.string().min(1) }),
  singletonKey: (p) => p.connectionId,
});

/** Timers: fan out to every active connection (the reconcile safety net and the daily refresh). */
export const reconcileAll = defineJob({
  name: "reconcile-all",
  payload: z.object({}),
  cron: { expression: "*/5 * * * *", payload: {} },
  retry: { limit: 1 },
});

export const refreshAllCompanyInfo = defineJob({
  name: "refresh-all-company-info",
  payload: z.object({}),
  cron: { expression: "17 3 * * *", payload: {} },
  retry: { limit: 1 },
});

export const pollHubSpot = defineJob({
  name: "poll-hubspot",
  payload: z.object({ portalId: z.string().min(1), objectType: z.enum(["quotes", "invoices"]) }),
  singletonKey: (p) => `${p.portalId}:${p.objectType}`,
});

/** Contacts, companies and products modified or archived in HubSpot, run through the webhook's rule. */
export const reconcileHubSpotRecords = defineJob({
  name: "reconcile-hubspot-records",
  payload: z.object({
    portalId: z.string().min(1),
    objectType: z.enum(["contacts", "companies", "products"]),
  }),
  singletonKey: (p) => `${p.portalId}:${p.objectType}`,
});
