import { actionOutputs } from "../../connectors/hubspot/wire/index.ts";
import { inTransaction } from "../../db/transaction.ts";
import { verifyHubSpotSignature } from "../../connectors/hubspot/webhooks.ts";
import type { Database } from "../../db/kysely.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Enqueuer } from "../../queue/catalogue.ts";
import { findPortal, findQboConnection } from "../connections/index.ts";
import { failureOutputs, parseInputs, type ActionFailure } from "./inputs.ts";
import { runWorkflowAction } from "./jobs.ts";
import { activeCompanies, findExecution, insertExecution } from "./repo.ts";

/** Waiting for the callback; HubSpot's default wait (a week) covers QBO's worst rate limiting. */
const BLOCK = { outputFields: actionOutputs("BLOCK") };

export type SignatureCheck =
  { ok: true } | { ok: false; status: 401 | 503; message: string; reason?: string };

/**
 * HubSpot signs action calls with v3 (and v2). v2 has no timestamp, so a captured call would replay
 * forever: only v3 is accepted, as on the CRM card.
 */
export function checkActionSignature(
  deps: { vendors: { hubspot?: { clientSecret: string } }; clock: Clock },
  req: { url: string; rawBody: string; header: (name: string) => string | undefined },
): SignatureCheck {
  const hubspot = deps.vendors.hubspot;
  if (!hubspot) return { ok: false, status: 503, message: "HubSpot is not configured" };
  const verified = verifyHubSpotSignature({
    method: "POST",
    url: req.url,
    rawBody: req.rawBody,
    header: req.header,
    clientSecret: hubspot.clientSecret,
    now: deps.clock.now(),
  });
  if (verified.ok) return { ok: true };
  return { ok: false, status: 401, message: verified.error.message, reason: verified.error.reason };
}

export interface ExecutionRequest {
  callbackId: string;
  portalId: string;
  dealId: string;
  inputs: Record<string, unknown>;
}

/**
 * One execution call (W2), answered at once: inputs that cannot work fail it in the answer
 * (FAIL_CONTINUE with a reason); anything else is stored with its `run-workflow-action` job in one
 * transaction and answered BLOCK. A repeated callbackId queues nothing new and gets the decided
 * outputs, or BLOCK again while the job runs.
 */
export async function acceptExecution(
  deps: { db: Database; clock: Clock; queue: Enqueuer },
  req: ExecutionRequest,
): Promise<{ outputFields: Record<string, string> }> {
  const { db } = deps;
  const portal = await findPortal(db, req.portalId);
  if (!portal) return { outputFields: failureOutputs({ code: "not_connected", detail: req.portalId }) };
  const row = {
    callbackId: req.callbackId,
    portalId: portal.portalId,
    dealId: req.dealId,
    inputs: req.inputs,
  };
  const now = deps.clock.now();
  const failure = await refusal(db, portal.portalId, req.inputs);
  if (failure) {
    const outputs = failureOutputs(failure);
    const fresh = await insertExecution(db, row, now, { status: "failed", outputs });
    return { outputFields: fresh ? outputs : await knownOutputs(db, req.callbackId) };
  }
  const fresh = await inTransaction(db, async (trx) => {
    const inserted = await insertExecution(trx, row, now);
    if (inserted) await deps.queue.enqueue(trx, runWorkflowAction, { callbackId: req.callbackId });
    return inserted;
  });
  return fresh ? BLOCK : { outputFields: await knownOutputs(db, req.callbackId) };
}

/** Input mistakes and an unknown company are known at once: no job, the answer says why. */
async function refusal(
  db: Database,
  portalId: string,
  inputs: Record<string, unknown>,
): Promise<ActionFailure | undefined> {
  const parsed = parseInputs(inputs);
  if (!parsed.ok) return parsed.error;
  const status = (await findQboConnection(db, portalId, parsed.value.connectionId))?.status;
  return status === "active" ? undefined : { code: "unknown_company", detail: parsed.value.connectionId };
}

/** A repeated call: the outputs decided for it, or BLOCK while its job is still running. */
async function knownOutputs(db: Database, callbackId: string): Promise<Record<string, string>> {
  const known = await findExecution(db, callbackId);
  return known?.outputs ?? BLOCK.outputFields;
}

/** The QBO company dropdown of the action: the portal's active companies whose name contains `q`. */
export async function companyOptions(db: Database, portalId: string, q: string) {
  const wanted = q.trim().toLowerCase();
  return (await activeCompanies(db, portalId))
    .filter((co) => !wanted || co.companyName.toLowerCase().includes(wanted))
    .map((co) => ({ label: co.companyName, value: co.connectionId, description: co.country }));
}
