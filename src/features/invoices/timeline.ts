import {
  createTimelineEvent,
  ensureTimelineTemplates,
  templateKey,
  type TimelineApp,
  type TimelineEventKind,
  type TimelineObjectType,
  type TimelineTemplateIds,
} from "../../connectors/hubspot/timeline.ts";
import type { Database } from "../../db/kysely.ts";
import type { InvoiceStateColumn } from "../../db/schema/index.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Enqueuer, JobContext } from "../../queue/catalogue.ts";
import { recordLedger } from "../activity/index.ts";
import { findPortal, type VendorClients } from "../connections/index.ts";
import { writeTimelineEvents, type TimelinePayload } from "./jobs.ts";
import { invoiceWithCompany, linksOfInvoice } from "./repo/index.ts";

/**
 * Invoice events on HubSpot's timeline (ADR 0038): created, sent, payment recorded, paid and
 * overdue, each on the invoice's deals and contacts. The hooks below run inside the transaction
 * that changes the invoice (track.ts, the overdue pass, the payment rule) and only queue the
 * `write-timeline-events` job, so a crash after the commit loses nothing. The job writes each
 * event under an id made of realm, invoice, kind (and payment), so a retry or a replay meets
 * HubSpot's 409 for that id instead of writing it twice.
 */

/** The timeline events a state change makes: the first sighting is "created" (and "sent" when it already was). */
export function timelineKindsOf(
  from: InvoiceStateColumn | undefined,
  to: InvoiceStateColumn,
): TimelineEventKind[] {
  if (from === undefined) return to === "sent" ? ["created", "sent"] : ["created"];
  if (from === to) return [];
  if (to === "sent" || to === "paid" || to === "overdue") return [to];
  return [];
}

/** Queues the events of one state change; call it in the transaction that stores the change. */
export async function queueTimelineEvents(
  trx: Database,
  queue: Enqueuer,
  t: { invoiceKey: string; from: InvoiceStateColumn | undefined; to: InvoiceStateColumn; now: Date },
): Promise<void> {
  for (const kind of timelineKindsOf(t.from, t.to))
    await queue.enqueue(trx, writeTimelineEvents, {
      invoiceKey: t.invoiceKey,
      kind,
      at: t.now.toISOString(),
    });
}

/** Queues "payment recorded" for one payment's application to one invoice; in the payment's transaction. */
export async function queuePaymentTimelineEvent(
  trx: Database,
  queue: Enqueuer,
  p: { invoiceKey: string; paymentId: string; amount: number; date: string; now: Date },
): Promise<void> {
  await queue.enqueue(trx, writeTimelineEvents, {
    invoiceKey: p.invoiceKey,
    kind: "payment",
    at: p.now.toISOString(),
    payment: { id: p.paymentId, amount: p.amount.toFixed(2), date: p.date },
  });
}

/** The event id HubSpot keeps unique per template: the same facts always give the same id. */
export function timelineEventId(realmId: string, qboInvoiceId: string, p: TimelinePayload): string {
  const base = `ledgerlink-${realmId}-${qboInvoiceId}-${p.kind}`;
  return p.payment ? `${base}-${p.payment.id}` : base;
}

export interface TimelineDeps {
  db: Database;
  clock: Clock;
  clients: VendorClients;
  /** The app-level access for the templates; without it (no developer key), no events are written. */
  timeline?: TimelineApp & {
    /** The invoice's page in QuickBooks (the event's link). */
    invoiceUrl(realmId: string, qboInvoiceId: string): string;
  };
}

/**
 * Template ids per app, found (or created) once per process: templates are the app's, the same for
 * every portal, and never change while it runs. A failed lookup is forgotten, so the next job tries again.
 */
const templateCache = new Map<string, Promise<TimelineTemplateIds>>();
function templatesOf(app: TimelineApp): Promise<TimelineTemplateIds> {
  const key = `${app.apiBaseUrl}|${app.appId}`;
  let found = templateCache.get(key);
  if (!found) {
    found = ensureTimelineTemplates(app);
    templateCache.set(key, found);
    found.catch(() => templateCache.delete(key));
  }
  return found;
}

/** `write-timeline-events`: one event kind of one invoice, on each deal and contact it is linked to. */
export async function writeTimelineEventsHandler(deps: TimelineDeps, ctx: JobContext<TimelinePayload>) {
  const { db, clock } = deps;
  const p = ctx.payload;
  const invoice = await invoiceWithCompany(db, p.invoiceKey);
  if (!invoice) return; // no longer followed
  const portal = await findPortal(db, invoice.portalId);
  if (!portal || portal.status !== "active") return;
  const number = invoice.docNumber ?? invoice.qboInvoiceId;
  const ledger = (
    decision: string,
    outcome: "ok" | "failed" | "skipped",
    error?: { kind: string; message: string },
  ) =>
    recordLedger(db, {
      portalId: invoice.portalId,
      connectionId: invoice.connectionId,
      objectType: "invoice",
      objectId: invoice.qboInvoiceId,
      trigger: "invoice",
      decision,
      outcome,
      errorCategory: error?.kind ?? null,
      errorMessage: error?.message ?? null,
      retryJob: outcome === "failed" ? { name: writeTimelineEvents.name, payload: p } : null,
      jobId: ctx.jobId,
      at: clock.now(),
    });
  if (!deps.timeline) {
    ctx.log.info({ invoiceKey: p.invoiceKey }, "no HubSpot developer key: timeline event not written");
    return;
  }
  const templates = await templatesOf(deps.timeline);
  const url = deps.timeline.invoiceUrl(invoice.realmId, invoice.qboInvoiceId);
  const tokens: Record<string, string> = {
    invoiceNumber: number,
    customer: invoice.customerName,
    company: invoice.companyName,
    amount: Number(invoice.totalAmt).toFixed(2),
    balance: Number(invoice.balance).toFixed(2),
    currency: invoice.currency,
    invoiceUrl: url,
    ...(invoice.dueDate ? { dueDate: String(Date.parse(`${invoice.dueDate}T00:00:00Z`)) } : {}),
    ...(p.payment
      ? { paymentAmount: p.payment.amount, paymentDate: String(Date.parse(`${p.payment.date}T00:00:00Z`)) }
      : {}),
  };
  const id = timelineEventId(invoice.realmId, invoice.qboInvoiceId, p);
  const targets = (await linksOfInvoice(db, p.invoiceKey)).filter(
    (l): l is typeof l & { objectType: TimelineObjectType } =>
      l.objectType === "deals" || l.objectType === "contacts",
  );
  const http = deps.clients.hubspot(portal);
  const written: string[] = [];
  for (const target of targets) {
    const res = await createTimelineEvent(http, {
      eventTemplateId: templates.get(templateKey(p.kind, target.objectType))!,
      id,
      objectId: target.objectId,
      timestamp: new Date(p.at),
      tokens,
      link: { url, label: "Open in QuickBooks", headerLabel: `Invoice ${number}` },
    });
    if (!res.ok) {
      // Retried as a whole: the targets already written answer 409 next time, which counts as done.
      if (res.error.retryable) throw new Error(`HubSpot timeline event: ${res.error.message}`);
      await ledger(
        `Invoice ${number}: "${p.kind}" not written on the timeline of ${target.objectType} ${target.objectId}`,
        "failed",
        res.error,
      );
      continue;
    }
    if (res.value === "created") written.push(`${target.objectType} ${target.objectId}`);
  }
  if (written.length > 0)
    await ledger(`Invoice ${number}: "${p.kind}" on the timeline of ${written.join(", ")}`, "ok");
}

/**
 * An invoice's page in QuickBooks, the link on its timeline events. Intuit's own hosts open the
 * QBO app (`/app/invoice?txnId=`, sandbox or production, docs/vendors/quickbooks.md); any other API
 * base is the QBO emulator, whose console shows the invoice at `/companies/{realm}/invoices/{id}`.
 */
export function timelineInvoiceUrl(qboApiBaseUrl: string, realmId: string, qboInvoiceId: string): string {
  const host = new URL(qboApiBaseUrl).hostname;
  const id = encodeURIComponent(qboInvoiceId);
  if (host.endsWith("intuit.com")) {
    const app = host.includes("sandbox")
      ? "https://app.sandbox.qbo.intuit.com"
      : "https://app.qbo.intuit.com";
    return `${app}/app/invoice?txnId=${id}`;
  }
  return `${qboApiBaseUrl.replace(/\/+$/, "")}/companies/${encodeURIComponent(realmId)}/invoices/${id}`;
}
