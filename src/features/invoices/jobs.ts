import { z } from "zod";
import { defineJob } from "../../queue/catalogue.ts";

/**
 * The invoice jobs (issue 6). `push-invoice` is keyed by draft: a double click or a retried
 * request enqueues it once, and a rerun after a crash replays QBO's requestid (I10).
 */
export const pushInvoice = defineJob({
  name: "push-invoice",
  payload: z.object({ draftId: z.string().min(1) }),
  singletonKey: (p) => p.draftId,
  retry: { limit: 8, delaySeconds: 10, backoff: true },
});

/** Recomputes a deal's five properties from its invoices (S2–S4) and writes them if they changed. */
export const updateDealProperties = defineJob({
  name: "update-deal-properties",
  payload: z.object({ portalId: z.string().min(1), dealId: z.string().min(1) }),
  singletonKey: (p) => `${p.portalId}:${p.dealId}`,
  retry: { limit: 8, delaySeconds: 15, backoff: true },
});

/** S5: no QBO event says "overdue"; this pass re-derives every open invoice's status daily. */
export const overduePass = defineJob({
  name: "overdue-pass",
  payload: z.object({ portalId: z.string().min(1).optional() }),
  cron: { expression: "5 * * * *", payload: {} },
  retry: { limit: 2 },
});

/** Keeps the HubSpot invoice object of a followed invoice in step (E2, W1). */
export const mirrorInvoice = defineJob({
  name: "mirror-invoice",
  payload: z.object({ invoiceKey: z.string().min(1) }),
  singletonKey: (p) => p.invoiceKey,
  retry: { limit: 8, delaySeconds: 15, backoff: true },
});
