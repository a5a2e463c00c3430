import { z } from "zod";
import { defineJob, handledJob } from "../../queue/catalogue.ts";
import type { ChangeRules } from "../changes/index.ts";
import { updateDealPropertiesHandler } from "./deal-sync.ts";
import { mirrorInvoiceHandler } from "./mirror.ts";
import { overduePassHandler } from "./overdue.ts";
import { backfillPaymentsHandler } from "./payment-backfill.ts";
import { paymentChangeRule } from "./payment-rule.ts";
import { pushInvoiceHandler, type PushDeps } from "./push.ts";
import { invoiceChangeRule } from "./qbo-rule.ts";
import { writeTimelineEventsHandler, type TimelineDeps } from "./timeline.ts";

/**
 * Per-invoice and per-deal jobs run this many at once in each process (ADR 0044): their time is
 * spent waiting on vendors, and the rate budget, not the worker, is what should bound them.
 */
const PER_RECORD_CONCURRENCY = 4;
/**
 * Invoice pushes, twice that: a push is four QBO calls one after another, and at 30 % faults four
 * pushes were often all waiting out a retry at once, leaving QuickBooks' 10 a second unused (about
 * 7.5 a second in the chaos run with one worker). Eight stay under Intuit's older rule of ten
 * requests in flight per company.
 */
const PUSH_CONCURRENCY = 8;
/**
 * Their first retry comes within this many seconds, doubling while no progress is made. The HTTP
 * client has already tried each call four times by then: what is left is bad luck (a 30 % fault rate
 * fails four tries in a row once in 120 calls) or an outage, which the doubling reaches in minutes.
 * Ten seconds made one unlucky record the last of a whole batch.
 */
const PER_RECORD_RETRY_SECONDS = 2;

/**
 * The invoice jobs. `push-invoice` is keyed by draft: a double click or a retried
 * request enqueues it once, and a rerun after a crash replays QBO's requestid (I10).
 */
export const pushInvoice = defineJob({
  name: "push-invoice",
  payload: z.object({ draftId: z.string().min(1) }),
  singletonKey: (p) => p.draftId,
  retry: { delaySeconds: PER_RECORD_RETRY_SECONDS, backoff: true },
  concurrency: PUSH_CONCURRENCY,
});

/** Recomputes a deal's five properties from its invoices (S2–S4) and writes them if they changed. */
export const updateDealProperties = defineJob({
  name: "update-deal-properties",
  payload: z.object({ portalId: z.string().min(1), dealId: z.string().min(1) }),
  singletonKey: (p) => `${p.portalId}:${p.dealId}`,
  retry: { delaySeconds: PER_RECORD_RETRY_SECONDS, backoff: true },
  concurrency: PER_RECORD_CONCURRENCY,
});

/**
 * The same work as `update-deal-properties`, queued with a delay as the safety net of a write the
 * pull job makes itself (ADR 0040). A queue of its own: a waiting safety net must never make pg-boss
 * drop an immediate `update-deal-properties` for the same deal (one waiting per key).
 */
export const recheckDealProperties = defineJob({
  name: "recheck-deal-properties",
  payload: z.object({ portalId: z.string().min(1), dealId: z.string().min(1) }),
  singletonKey: (p) => `${p.portalId}:${p.dealId}`,
  retry: { limit: 8, delaySeconds: 15, backoff: true },
  concurrency: PER_RECORD_CONCURRENCY,
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
  retry: { delaySeconds: PER_RECORD_RETRY_SECONDS, backoff: true },
  concurrency: PER_RECORD_CONCURRENCY,
});

/**
 * W4: the payments a company recorded before Ledgerlink was connected (CDC starts at the
 * connection), read once per connection so "collected" and "days to pay" cover invoices paid
 * earlier. The reconcile timer enqueues it; once done, a checkpoint makes it a no-op.
 */
export const backfillPayments = defineJob({
  name: "backfill-payments",
  payload: z.object({ connectionId: z.string().min(1) }),
  singletonKey: (p) => p.connectionId,
  retry: { delaySeconds: 30, backoff: true },
});

/**
 * One invoice event on HubSpot's timeline (ADR 0038), queued in the transaction that changed the
 * invoice. Keyed by invoice, kind and payment: the same event queued twice runs once; HubSpot's
 * 409 on our deterministic event id covers a rerun after a crash.
 */
export const writeTimelineEvents = defineJob({
  name: "write-timeline-events",
  payload: z.object({
    invoiceKey: z.string().min(1),
    kind: z.enum(["created", "sent", "payment", "paid", "overdue"]),
    /** When the change happened (the event's time on the timeline), ISO-8601. */
    at: z.string().min(1),
    payment: z.object({ id: z.string().min(1), amount: z.string(), date: z.string() }).optional(),
  }),
  singletonKey: (p) => `${p.invoiceKey}:${p.kind}:${p.payment?.id ?? ""}`,
  retry: { delaySeconds: PER_RECORD_RETRY_SECONDS, backoff: true },
  concurrency: PER_RECORD_CONCURRENCY,
});
export type TimelinePayload = z.infer<typeof writeTimelineEvents.payload>;

type Deps = PushDeps;

export const invoiceJobs = [
  handledJob(pushInvoice, (d: Deps, ctx) => pushInvoiceHandler(d, ctx)),
  handledJob(updateDealProperties, (d: Deps, ctx) => updateDealPropertiesHandler(d, ctx)),
  handledJob(recheckDealProperties, (d: Deps, ctx) => updateDealPropertiesHandler(d, ctx)),
  handledJob(overduePass, (d: Deps, ctx) => overduePassHandler(d, ctx)),
  handledJob(mirrorInvoice, (d: Deps, ctx) => mirrorInvoiceHandler(d, ctx)),
  handledJob(backfillPayments, (d: Deps, ctx) => backfillPaymentsHandler(d, ctx)),
  handledJob(writeTimelineEvents, (d: TimelineDeps, ctx) => writeTimelineEventsHandler(d, ctx)),
];

/** Invoice changes follow to the deal; payments become the reports' payment dates. */
export function invoiceRules(deps: Omit<Deps, "afterQboCreate">): Partial<ChangeRules> {
  return { qbo: [invoiceChangeRule(deps), paymentChangeRule(deps)] };
}
