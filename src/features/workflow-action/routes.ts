import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppDeps } from "../../http/context.ts";
import type { AppEnv } from "../../http/context.ts";
import { PATHS } from "../../http/paths.ts";
import { portalAdmitted, portalRefusal } from "../connections/index.ts";
import { acceptExecution, checkActionSignature, companyOptions } from "./service.ts";

const numericId = z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,20}$/)]).transform(String);
/** The execution request (docs/vendors/hubspot.md §11); `fields` is the older name of `inputFields`. */
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

/**
 * W2 "Create QuickBooks invoice" (docs/vendors/hubspot.md §11, ADR 0016). The action URL answers
 * at once, from the service: a failure in the answer, or BLOCK while the job creates the invoice and
 * completes the callback.
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
    const notServed = await refusedPortal(deps, c, origin.portalId);
    if (notServed) return notServed;
    if (object.objectType.toUpperCase() !== "DEAL")
      return c.json({ error: `the action runs on deals, not ${object.objectType}` }, 400);
    if (!deps.queue) return c.json({ error: "the job queue is not running" }, 503);
    const answer = await acceptExecution(
      { db: deps.database.db, clock: deps.clock, queue: deps.queue },
      {
        callbackId,
        portalId: origin.portalId,
        dealId: object.objectId,
        inputs: body.data.inputFields ?? body.data.fields ?? {},
      },
    );
    return c.json(answer);
  });

  // The QBO company dropdown: HubSpot POSTs here when a user edits the action (optionsUrl).
  app.post(PATHS.workflowCreateInvoiceCompanies, async (c) => {
    const raw = await c.req.text();
    const refused = verify(deps, c, raw);
    if (refused) return refused;
    const body = parseJson(optionsRequest, raw);
    if (!body.success) return c.json({ error: issueText(body.error) }, 400);
    const notServed = await refusedPortal(deps, c, body.data.origin.portalId);
    if (notServed) return notServed;
    const q = body.data.fetchOptions?.q ?? "";
    const options = await companyOptions(deps.database.db, body.data.origin.portalId, q);
    return c.json({ options, searchable: true });
  });
  return app;
}

/** A 403 for a portal this instance does not serve (ADR 0024): HubSpot fails the action, nothing is stored. */
async function refusedPortal(deps: AppDeps, c: Context<AppEnv>, portalId: string) {
  if (await portalAdmitted(deps.database.db, deps.config.hubspotAllowedPortals, portalId)) return undefined;
  c.get("log").warn({ portalId }, "refused workflow call for a portal this instance does not serve");
  return c.json({ error: portalRefusal(portalId) }, 403);
}

/** The signature check's refusal as a response (logged when a signature was present but wrong). */
function verify(deps: AppDeps, c: Context<AppEnv>, raw: string): Response | undefined {
  const checked = checkActionSignature(deps, {
    url: `${deps.config.publicUrl}${c.req.path}${new URL(c.req.url).search}`,
    rawBody: raw,
    header: (name) => c.req.header(name),
  });
  if (checked.ok) return undefined;
  if (checked.reason)
    c.get("log").warn({ reason: checked.reason }, `refused workflow call: ${checked.message}`);
  return c.json({ error: checked.message }, checked.status);
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
