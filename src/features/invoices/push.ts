import { fetchCompanySettings } from "../../connectors/qbo/company.ts";
import { createEntity, requestIdFor } from "../../connectors/qbo/write.ts";
import { parseInvoice } from "../../connectors/qbo/wire/index.ts";
import type { Database } from "../../db/kysely.ts";
import { recordLedger } from "../activity/index.ts";
import { updateCompanyFacts } from "../connections/index.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Enqueuer, JobContext } from "../../queue/catalogue.ts";
import type { VendorClients } from "../connections/index.ts";
import { ensureCustomer } from "./customer.ts";
import { completeDraft, draftData, type DraftData } from "./wizard/draft.ts";
import { invoiceBody } from "./invoice-body.ts";
import { draftErrorFrom, encodeDraftError, type DraftError } from "./push-errors.ts";
import { draftById, inTransaction, markDraftCreated, returnDraftToWizard } from "./repo/index.ts";
import { findQboConnection } from "../connections/index.ts";
import { trackInvoices } from "./track.ts";

export interface PushDeps {
  db: Database;
  clock: Clock;
  clients: VendorClients;
  queue: Enqueuer;
  /** Tests only: runs after QBO answered and before our commit (a worker killed right there). */
  afterQboCreate?: () => void;
}

/**
 * `push-invoice` (docs/adr/0012-invoices-followed-and-derived.md): creates the draft's customer (when new) and invoice in QBO, then
 * in one transaction records the invoice, links it to the deal and the matched contact/company,
 * marks the draft created and queues the deal's properties. Every QBO write has a requestid from
 * the draft, so a rerun after a crash anywhere gets QBO's first answer back, never a second
 * invoice (I10). A failure the user can fix returns the draft to the wizard with the reason.
 */
export async function pushInvoiceHandler(
  deps: PushDeps,
  ctx: JobContext<{ draftId: string }>,
): Promise<void> {
  const { db, clock } = deps;
  const draft = await draftById(db, ctx.payload.draftId);
  if (!draft || draft.status !== "submitting") return; // created already, or back in the wizard
  const data = draftData.parse(draft.data);
  const fail = (error: DraftError) => failDraft(deps, draft, data, error, ctx.jobId);

  const conn = data.connectionId ? await findQboConnection(db, draft.portalId, data.connectionId) : undefined;
  if (!conn || conn.status !== "active") return fail({ code: "reconnect", detail: "connection unavailable" });
  const complete = completeDraft(data, conn.country !== "US");
  if (!complete.ok) return fail({ code: "incomplete", detail: complete.missing.join(", ") });

  const http = deps.clients.qbo(conn);
  const settings = await fetchCompanySettings(http, conn.realmId);
  if (!settings.ok) {
    if (settings.error.retryable) throw new Error(`QBO settings: ${settings.error.message}`);
    return fail(draftErrorFrom(settings.error));
  }
  if (settings.value.customTxnNumbers) {
    await updateCompanyFacts(db, conn.connectionId, settings.value, clock.now());
    return fail({ code: "custom_numbers", detail: "CustomTxnNumbers is on" });
  }

  const customer = await ensureCustomer({ db, clock }, http, conn.realmId, draft.draftId, complete.draft);
  if (!customer.ok) {
    if (customer.error.retryable) throw new Error(`QBO customer: ${customer.error.message}`);
    return fail(draftErrorFrom(customer.error));
  }
  // The customer is settled (kept under its claim, found again on a retry): the push moved on.
  await ctx.progress?.();
  const created = await createEntity(
    http,
    "Invoice",
    invoiceBody(complete.draft, customer.value),
    requestIdFor("draft", draft.draftId, "invoice"),
  );
  if (!created.ok) {
    if (created.error.retryable) throw new Error(`QBO invoice: ${created.error.message}`);
    return fail(draftErrorFrom(created.error));
  }
  deps.afterQboCreate?.();
  // QBO's answer, read through the wire mapper: a malformed one fails the job (retried; the
  // requestid makes QBO answer the same invoice, never a second one).
  const invoice = parseInvoice(created.value);
  if (!invoice.ok) throw new Error(invoice.error.message);

  const now = clock.now();
  await inTransaction(db, async (trx) => {
    const [invoiceKey] = await trackInvoices(trx, deps.queue, {
      connection: conn,
      invoices: [created.value],
      origin: "wizard",
      links: [
        { objectType: "deals", objectId: draft.dealId },
        ...(data.party ? [{ objectType: data.party.objectType, objectId: data.party.objectId }] : []),
      ],
      now,
    });
    await markDraftCreated(trx, draft.draftId, invoiceKey, now);
    await recordLedger(trx, {
      portalId: draft.portalId,
      connectionId: conn.connectionId,
      objectType: "invoice",
      objectId: invoice.value.id,
      trigger: "user",
      decision: `Created invoice ${invoice.value.docNumber ?? invoice.value.id} in QuickBooks from deal ${draft.dealId}; left unsent`,
      outcome: "ok",
      jobId: ctx.jobId,
      requestId: requestIdFor("draft", draft.draftId, "invoice"),
      at: now,
    });
  });
}

async function failDraft(
  deps: PushDeps,
  draft: { draftId: string; portalId: string; dealId: string },
  data: DraftData,
  error: DraftError,
  jobId: string,
): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    await returnDraftToWizard(trx, draft.draftId, encodeDraftError(error), now);
    await recordLedger(trx, {
      portalId: draft.portalId,
      connectionId: data.connectionId ?? null,
      objectType: "invoice",
      objectId: null,
      trigger: "user",
      decision: `Could not create the invoice for deal ${draft.dealId}; the draft is kept`,
      outcome: "failed",
      errorCategory: error.code,
      errorMessage: error.detail,
      jobId,
      at: now,
    });
  });
}
