import { Hono, type Context } from "hono";
import { z } from "zod";
import { verifyHubSpotSignature } from "../../connectors/hubspot/webhooks.ts";
import { findExecution, insertExecution } from "./repo.ts";
import { runWorkflowAction } from "./jobs.ts";
import { failureOutputs, parseInputs, type ActionFailure } from "./inputs.ts";
import type { AppDeps } from "../../http/app.tsx";
import type { AppEnv } from "../../http/context.ts";
import { PATHS } from "../../http/paths.ts";

const numericId = z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,20}$/)]).transform(String);
/** The execution request of hubspot.md §2.11; `fields` is the older name of `inputFields`. */
const execution = z.looseObject({
  callbackId: z.string().min(1).max(200),
  origin: z.looseObject({ portalId: numericId }),
  object: z.looseObject({ objectId: numericId, objectType: z.string() }),
  inputFields: z.record(z.string(), z.unknown()).optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
});
const optionsRequest = z.looseObject({
  origin: z.looseObject({ portalId: numericId }),
  fetchOptions: z.looseObject({ q: z.string().max(200).optional() }).optional(),
});

/** Waiting for the callback; HubSpot's default wait (a week) covers QBO's worst rate limiting. */
const BLOCK = { outputFields: { hs_execution_state: "BLOCK" } };

/**
 * W2 "Create QuickBooks invoice" (hubspot.md §2.11). The action URL answers at once: inputs that
 * cannot work fail the execution in the answer (FAIL_CONTINUE with a reason), anything else is
 * stored with its `run-workflow-action` job in one transaction and answered BLOCK; the job
 * completes the callback. A repeated call for the same callbackId queues nothing new and gets the
 * decided outputs, or BLOCK again while the job runs.
 */
export function workflowActionRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post(PATHS.workflowCreateInvoice, async (c) => {
    const raw = await c.req.text();
    const refused = verify(deps, c, raw);
    if (refused) return refused;
    const body = parseJson(execution, raw);
    if (!body.success) return c.json({ error: issueText(body.error) }, 400);
    const { callbackId, origin, object } = body.data;
    if (object.objectType.toUpperCase() !== "DEAL")
      return c.json({ error: `the action runs on deals, not ${object.objectType}` }, 400);
    if (!deps.queue) return c.json({ error: "the job queue is not running" }, 503);
    const db = deps.database.db;
    const portal = await db
      .selectFrom("portals")
      .select("portalId")
      .where("portalId", "=", origin.portalId)
      .executeTakeFirst();
    if (!portal)
      return c.json({ outputFields: failureOutputs({ code: "not_connected", detail: origin.portalId }) });
    const inputs = body.data.inputFields ?? body.data.fields ?? {};
    const row = { callbackId, portalId: portal.portalId, dealId: object.objectId, inputs };
    const now = deps.clock.now();
    const failure = await refusal(deps, portal.portalId, inputs);
    if (failure) {
      const outputs = failureOutputs(failure);
      const fresh = await insertExecution(db, row, now, { status: "failed", outputs });
      return c.json({ outputFields: fresh ? outputs : await knownOutputs(deps, callbackId) });
    }
    const queue = deps.queue;
    const fresh = await db.transaction().execute(async (trx) => {
      const inserted = await insertExecution(trx, row, now);
      if (inserted) await queue.enqueue(trx, runWorkflowAction, { callbackId });
      return inserted;
    });
    return c.json(fresh ? BLOCK : { outputFields: await knownOutputs(deps, callbackId) });
  });

  // The QBO company dropdown: HubSpot POSTs here when a user edits the action (optionsUrl).
  app.post(PATHS.workflowCreateInvoiceCompanies, async (c) => {
    const raw = await c.req.text();
    const refused = verify(deps, c, raw);
    if (refused) return refused;
    const body = parseJson(optionsRequest, raw);
    if (!body.success) return c.json({ error: issueText(body.error) }, 400);
    const q = (body.data.fetchOptions?.q ?? "").trim().toLowerCase();
    const companies = await deps.database.db
      .selectFrom("qboConnections")
      .select(["connectionId", "companyName", "country"])
      .where("portalId", "=", body.data.origin.portalId)
      .where("status", "=", "active")
      .orderBy("companyName")
      .execute();
    const options = companies
      .filter((co) => !q || co.companyName.toLowerCase().includes(q))
      .map((co) => ({ label: co.companyName, value: co.connectionId, description: co.country }));
    return c.json({ options, searchable: true });
  });
  return app;
}

/** Input mistakes and an unknown company are known at once: no job, the answer says why. */
async function refusal(
  deps: AppDeps,
  portalId: string,
  inputs: Record<string, unknown>,
): Promise<ActionFailure | undefined> {
  const parsed = parseInputs(inputs);
  if (!parsed.ok) return parsed.error;
  const conn = await deps.database.db
    .selectFrom("qboConnections")
    .select("status")
    .where("portalId", "=", portalId)
    .where("connectionId", "=", parsed.value.connectionId)
    .executeTakeFirst();
  return conn?.status === "active"
    ? undefined
    : { code: "unknown_company", detail: parsed.value.connectionId };
}

/** A repeated call: the outputs decided for it, or BLOCK while its job is still running. */
async function knownOutputs(deps: AppDeps, callbackId: string): Promise<Record<string, string>> {
  const known = await findExecution(deps.database.db, callbackId);
  return known?.outputs ?? BLOCK.outputFields;
}

/**
 * HubSpot signs action calls with v3 (and v2). v2 has no timestamp, so a captured call would replay
 * forever: only v3 is accepted, as on the card (http/routes/card.ts).
 */
function verify(deps: AppDeps, c: Context<AppEnv>, raw: string): Response | undefined {
  const hubspot = deps.vendors.hubspot;
  if (!hubspot) return c.json({ error: "HubSpot is not configured" }, 503);
  if (!c.req.header("x-hubspot-signature-v3"))
    return c.json({ error: "a timestamped X-HubSpot-Signature-v3 is required" }, 401);
  const verified = verifyHubSpotSignature({
    method: "POST",
    url: `${deps.config.publicUrl}${c.req.path}${new URL(c.req.url).search}`,
    rawBody: raw,
    header: (name) => c.req.header(name),
    clientSecret: hubspot.clientSecret,
    now: deps.clock.now(),
  });
  if (verified.ok) return undefined;
  c.get("log").warn({ reason: verified.error.reason }, `refused workflow call: ${verified.error.message}`);
  return c.json({ error: verified.error.message }, 401);
}

function parseJson<T extends z.ZodType>(schema: T, raw: string) {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = undefined;
  }
  return schema.safeParse(value);
}

function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`;
}
