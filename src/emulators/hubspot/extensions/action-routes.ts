import { Hono } from "hono";
import { z } from "zod";
import type { HubSpotCore } from "../contract.ts";
import { checkAccessToken, type AccessTokenCheck } from "./access-token.ts";
import { actionCreateSchema, actionPatchSchema, actionResponse } from "./action-store.ts";
import type { ActionStore } from "./action-store.ts";
import { developerApp, readJson } from "./http.ts";
import { WAITING } from "./workflow-run.ts";
import type { WorkflowRunner } from "./workflow-runner.ts";

const outputFields = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String));
/** The current spec also names `typedOutputs` (required there) and `failureReasonType`; both are accepted. */
const completion = z.looseObject({
  outputFields,
  typedOutputs: z.record(z.string(), z.unknown()).optional(),
});
const batchCompletion = z.object({
  inputs: z
    .array(completion.extend({ callbackId: z.string().min(1) }))
    .min(1)
    .max(100),
});

/**
 * Custom workflow actions (docs/vendors/hubspot.md §11): the definition API (developer auth) under
 * `/automation/v4/actions/{appId}`, and the completion callbacks (OAuth) that end a run which
 * answered BLOCK or ASYNC.
 */
export function actionRoutes(
  core: HubSpotCore & AccessTokenCheck,
  store: ActionStore,
  runner: WorkflowRunner,
): Hono {
  const app = new Hono({ strict: false });
  const notFound = (id: string) =>
    core.errorResponse(404, "OBJECT_NOT_FOUND", `Action definition ${id} does not exist.`);

  /** Checks the token and every callback first: nothing is completed unless all of them can be. */
  const completeAll = (
    req: Request,
    inputs: Array<{ callbackId: string; outputFields: Record<string, string> }>,
  ) => {
    const owner = checkAccessToken(core, req);
    if (owner instanceof Response) return owner;
    if (owner && !owner.scopes.includes("automation"))
      return core.errorResponse(
        403,
        "MISSING_SCOPES",
        "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
        {
          errors: [
            {
              message: "One or more of the following scopes are required.",
              context: { requiredGranularScopes: ["automation"] },
            },
          ],
        },
      );
    for (const input of inputs) {
      const run = runner.get(input.callbackId);
      // Another app's or portal's callback does not exist as far as this token can tell.
      if (!run || (owner && (owner.portalId !== run.portalId || owner.appId !== run.appId)))
        return core.errorResponse(404, "OBJECT_NOT_FOUND", `Callback ${input.callbackId} does not exist.`);
      const state = input.outputFields.hs_execution_state;
      if (state !== undefined && state !== "SUCCESS" && state !== "FAIL_CONTINUE")
        return core.errorResponse(
          400,
          "VALIDATION_ERROR",
          `hs_execution_state must be SUCCESS or FAIL_CONTINUE, not ${state}.`,
        );
      // HubSpot's answer to a second completion is unverified; a clear 400 helps more than silence.
      if (!WAITING.has(run.state))
        return core.errorResponse(
          400,
          "VALIDATION_ERROR",
          `Callback ${input.callbackId} was already completed (${run.state}).`,
        );
    }
    for (const input of inputs) runner.complete(input.callbackId, input.outputFields);
    return new Response(null, { status: 204 });
  };

  app.post("/automation/v4/actions/callbacks/complete", async (c) => {
    const body = await readJson(core, c.req.raw, batchCompletion);
    if (!body.ok) return body.response;
    return completeAll(c.req.raw, body.value.inputs);
  });

  app.post("/automation/v4/actions/callbacks/:callbackId/complete", async (c) => {
    const body = await readJson(core, c.req.raw, completion);
    if (!body.ok) return body.response;
    return completeAll(c.req.raw, [
      { callbackId: c.req.param("callbackId"), outputFields: body.value.outputFields },
    ]);
  });

  const base = "/automation/v4/actions/:appId{[0-9]+}";
  app.get(base, (c) => {
    const appId = developerApp(core, c);
    if (appId instanceof Response) return appId;
    const all = store.list(appId, c.req.query("archived") === "true");
    const limit = Math.min(Math.max(Number(c.req.query("limit") ?? 100) || 100, 1), 100);
    const start = Math.max(0, all.findIndex((d) => d.id === c.req.query("after")) + 1);
    const page = all.slice(start, start + limit);
    const next = page.length > 0 && start + limit < all.length ? page.at(-1)!.id : undefined;
    return c.json({
      results: page.map(actionResponse),
      ...(next ? { paging: { next: { after: next } } } : {}),
    });
  });

  app.post(base, async (c) => {
    const appId = developerApp(core, c);
    if (appId instanceof Response) return appId;
    const body = await readJson(core, c.req.raw, actionCreateSchema);
    if (!body.ok) return body.response;
    return c.json(actionResponse(store.create(appId, body.value)), 201);
  });

  app.get(`${base}/:definitionId`, (c) => {
    const appId = developerApp(core, c);
    if (appId instanceof Response) return appId;
    const found = store.get(appId, c.req.param("definitionId"), c.req.query("archived") === "true");
    return found ? c.json(actionResponse(found)) : notFound(c.req.param("definitionId"));
  });

  app.patch(`${base}/:definitionId`, async (c) => {
    const appId = developerApp(core, c);
    if (appId instanceof Response) return appId;
    const found = store.get(appId, c.req.param("definitionId"));
    if (!found) return notFound(c.req.param("definitionId"));
    const body = await readJson(core, c.req.raw, actionPatchSchema);
    if (!body.ok) return body.response;
    return c.json(actionResponse(store.patch(found, body.value)));
  });

  app.delete(`${base}/:definitionId`, (c) => {
    const appId = developerApp(core, c);
    if (appId instanceof Response) return appId;
    const found = store.get(appId, c.req.param("definitionId"));
    if (!found) return notFound(c.req.param("definitionId"));
    store.archive(found, core.clock.now());
    return c.body(null, 204);
  });

  return app;
}
