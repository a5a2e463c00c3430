import { z } from "zod";
import type { Database } from "../../db/kysely.ts";
import type { Clock } from "../../lib/clock.ts";
import { defineJob, handledJob, type Enqueuer } from "../../queue/catalogue.ts";
import { refreshAllCompanyInfoHandler, refreshCompanyInfoHandler } from "./company-info.ts";
import { setupPortalHandler } from "./setup-portal-job.ts";
import type { VendorClients } from "./vendor-clients.ts";
import type { ResumingQueue } from "./waiting.ts";

/** Creates Ledgerlink's properties in a newly connected portal; one waiting per portal. */
export const setupHubSpotPortal = defineJob({
  name: "setup-portal",
  payload: z.object({ portalId: z.string().min(1), locale: z.enum(["en", "ja"]) }),
  singletonKey: (p) => p.portalId,
});

/** Re-reads one company's settings (name, country, currency, numbering). */
export const refreshCompanyInfo = defineJob({
  name: "refresh-company-info",
  payload: z.object({ connectionId: z.string().min(1) }),
  singletonKey: (p) => p.connectionId,
});

/** Daily: a settings refresh for every active company. */
export const refreshAllCompanyInfo = defineJob({
  name: "refresh-all-company-info",
  payload: z.object({}),
  cron: { expression: "17 3 * * *", payload: {} },
  retry: { limit: 1 },
});

interface Deps {
  db: Database;
  clock: Clock;
  clients: VendorClients;
  queue: Enqueuer & Partial<ResumingQueue>;
}

export const connectionJobs = [
  handledJob(setupHubSpotPortal, (d: Deps, ctx) => setupPortalHandler(d, ctx)),
  handledJob(refreshCompanyInfo, (d: Deps, ctx) => refreshCompanyInfoHandler(d, ctx)),
  handledJob(refreshAllCompanyInfo, (d: Deps) => refreshAllCompanyInfoHandler(d)),
];
