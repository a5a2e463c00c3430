import { actionOutputs } from "../../connectors/hubspot/wire/index.ts";
import { inTransaction } from "../../db/transaction.ts";
import { completeCallback } from "../../connectors/hubspot/workflow-callbacks.ts";
import type { QboEntity } from "../../connectors/qbo/client.ts";
import { fetchCompanySettings } from "../../connectors/qbo/company.ts";
import { sendInvoice } from "../../connectors/qbo/send.ts";
import { parseInvoice } from "../../connectors/qbo/wire/index.ts";
import { createEntity, requestIdFor } from "../../connectors/qbo/write.ts";
import type { Database } from "../../db/kysely.ts";
import { recordLedger } from "../activity/index.ts";
import {
  decideExecution,
  findExecution,
  invoiceOutcome,
  markCompleted,
  type WorkflowExecution,
} from "./repo.ts";
import type { Clock } from "../../lib/clock.ts";
import { dateInTimeZone } from "../../lib/dates.ts";
import type { Enqueuer, JobContext } from "../../queue/catalogue.ts";
import { createUniqueCustomer } from "../invoices/index.ts";
import type { CompleteDraft } from "../invoices/index.ts";
import { invoiceBody } from "../invoices/index.ts";
import { trackInvoices } from "../invoices/index.ts";
import { loadSettings } from "../settings/index.ts";
import { findPortal, findQboConnection, type VendorClients } from "../connections/index.ts";
import { need, planInvoice, Refusal, type InvoicePlan } from "./gather.ts";
import { addDays, failureOutputs, parseInputs, type ActionFailure } from "./inputs.ts";

export interface WorkflowDeps {
  db: Database;
  clock: Clock;
  clients: VendorClients;
  queue: Enqueuer;
}

type Portal = { portalId: string; appId: string };

/**
 * `run-workflow-action` (W2): decides the execution once (creates the invoice, or fails with a
 * reason), then completes HubSpot's callback. A rerun after any crash finds the decision stored
 * and only completes the callback; a crash between QBO's answer and our commit replays the
 * requestids derived from the callbackId, so QBO answers with the first invoice, never a second.
 */
export async function runWorkflowActionHandler(
  deps: WorkflowDeps,
  ctx: JobContext<{ callbackId: string }>,
): Promise<void> {
  const exec = await findExecution(deps.db, ctx.payload.callbackId);
  if (!exec || exec.completedAt) return;
  const portal = await findPortal(deps.db, exec.portalId);
  if (!portal) return;
  if (exec.status === "pending") await decide(deps, portal, exec, ctx.jobId);
  const decided = await findExecution(deps.db, exec.callbackId);
  if (!decided?.outputs) return;
  const done = await completeCallback(deps.clients.hubspot(portal), exec.callbackId, decided.outputs);
  if (!done.ok) {
    if (done.error.retryable) throw new Error(`HubSpot callback: ${done.error.message}`);
    await recordLedger(deps.db, {
      portalId: exec.portalId,
      objectType: "workflow",
      objectId: exec.callbackId,
      trigger: "workflow",
      decision: `Could not complete workflow execution ${exec.callbackId} in HubSpot`,
      outcome: "failed",
      errorMessage: done.error.message,
      jobId: ctx.jobId,
      at: deps.clock.now(),
    });
  }
  await markCompleted(deps.db, exec.callbackId, deps.clock.now());
}

async function decide(deps: WorkflowDeps, portal: Portal, exec: WorkflowExecution, jobId: string) {
  try {
    const failure = await createInvoice(deps, portal, exec, jobId);
    if (failure) await fail(deps, exec, failure, jobId);
  } catch (error) {
    if (error instanceof Refusal) return fail(deps, exec, error.failure, jobId);
    throw error;
  }
}

/** Creates and follows the invoice; a failure the workflow should see is returned. */
async function createInvoice(
  deps: WorkflowDeps,
  portal: Portal,
  exec: WorkflowExecution,
  jobId: string,
): Promise<ActionFailure | undefined> {
  const inputs = parseInputs(exec.inputs);
  if (!inputs.ok) return inputs.error;
  const conn = await findQboConnection(deps.db, exec.portalId, inputs.value.connectionId);
  if (!conn || conn.status !== "active")
    return { code: "unknown_company", detail: inputs.value.connectionId };
  const qbo = deps.clients.qbo(conn);
  const company = need("qbo", await fetchCompanySettings(qbo, conn.realmId));
  if (company.customTxnNumbers) return { code: "custom_numbers", detail: conn.companyName };
  const settings = await loadSettings(deps.db, conn.connectionId);
  const hs = deps.clients.hubspot(portal);
  const plan = await planInvoice(
    { hs, qbo, dealId: exec.dealId, country: conn.country },
    settings,
    inputs.value,
  );
  if (!plan.ok) return plan.error;

  const key = ["workflow", exec.callbackId];
  const customer = await customerId(deps, qbo, conn.realmId, plan.value, key);
  const invoiceDate = dateInTimeZone(conn.timeZone, deps.clock.now());
  const draft: CompleteDraft = {
    connectionId: conn.connectionId,
    customer: { kind: "existing", id: customer, displayName: "" },
    lines: plan.value.lines,
    termId: plan.value.termId,
    invoiceDate,
    dueDate: inputs.value.dueInDays === undefined ? undefined : addDays(invoiceDate, inputs.value.dueInDays),
    dueDateEdited: inputs.value.dueInDays !== undefined,
    message: inputs.value.message,
  };
  let invoice: QboEntity = need(
    "qbo",
    await createEntity(qbo, "Invoice", invoiceBody(draft, customer), requestIdFor(...key, "invoice")),
  );
  const created = need("qbo", parseInvoice(invoice));
  if (inputs.value.send && created.emailStatus !== "EmailSent") {
    const email =
      plan.value.customer.kind === "existing" ? plan.value.customer.email : plan.value.party.email;
    invoice = need("qbo", await sendInvoice(qbo, created.id, email));
  }
  await succeed(deps, { exec, conn, invoice, invoiceId: created.id, plan: plan.value, jobId });
  return undefined;
}

async function customerId(
  deps: WorkflowDeps,
  qbo: ReturnType<VendorClients["qbo"]>,
  realmId: string,
  plan: InvoicePlan,
  key: string[],
): Promise<string> {
  if (plan.customer.kind === "existing") return plan.customer.id;
  const p = plan.party;
  const created = await createUniqueCustomer(
    qbo,
    {
      displayName: plan.customer.displayName,
      givenName: p.givenName,
      familyName: p.familyName,
      companyName: p.companyName,
      email: p.email,
      phone: p.phone,
    },
    key,
    { deps: { db: deps.db, clock: deps.clock }, realmId },
  );
  return need("qbo", created).id;
}

async function succeed(
  deps: WorkflowDeps,
  args: {
    exec: WorkflowExecution;
    conn: { portalId: string; connectionId: string; realmId: string; homeCurrency: string; timeZone: string };
    /** The raw invoice, as the invoices feature follows it. */
    invoice: QboEntity;
    invoiceId: string;
    plan: InvoicePlan;
    jobId: string;
  },
) {
  const { exec, conn, invoice, invoiceId, plan } = args;
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    const [invoiceKey] = await trackInvoices(trx, deps.queue, {
      connection: conn,
      invoices: [invoice],
      origin: "wizard",
      links: [
        { objectType: "deals", objectId: exec.dealId },
        { objectType: plan.party.objectType, objectId: plan.party.objectId },
      ],
      now,
    });
    const row = await invoiceOutcome(trx, invoiceKey!);
    const outputs = actionOutputs("SUCCESS", {
      qbo_invoice_number: row.docNumber ?? invoiceId,
      qbo_invoice_id: invoiceId,
      qbo_invoice_status: row.state,
    });
    await decideExecution(trx, exec.callbackId, { status: "succeeded", outputs, invoiceKey }, now);
    await recordLedger(trx, {
      portalId: exec.portalId,
      connectionId: conn.connectionId,
      objectType: "invoice",
      objectId: invoiceId,
      trigger: "workflow",
      decision: `Created invoice ${outputs.qbo_invoice_number} in QuickBooks from deal ${exec.dealId} (workflow action)`,
      outcome: "ok",
      jobId: args.jobId,
      requestId: requestIdFor("workflow", exec.callbackId, "invoice"),
      at: now,
    });
  });
}

async function fail(deps: WorkflowDeps, exec: WorkflowExecution, failure: ActionFailure, jobId: string) {
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    await decideExecution(trx, exec.callbackId, { status: "failed", outputs: failureOutputs(failure) }, now);
    await recordLedger(trx, {
      portalId: exec.portalId,
      objectType: "invoice",
      objectId: null,
      trigger: "workflow",
      decision: `The workflow action could not create an invoice for deal ${exec.dealId}`,
      outcome: "failed",
      errorCategory: failure.code,
      errorMessage: failure.detail,
      jobId,
      at: now,
    });
  });
}
