import { Hono } from "hono";
import { z } from "zod";
import { parseControlBody } from "../../kit/index.ts";
import type { HubSpotCore } from "../contract.ts";
import type { ActionStore } from "./action-store.ts";
import { startRun } from "./workflow-start.ts";
import type { WorkflowRunner } from "./workflow-runner.ts";

const id = z.union([z.string().regex(/^\d+$/), z.number().int().positive()]).transform(String);
/** A static value, or `{ "propertyName": "amount" }` to take it from the record (OBJECT_PROPERTY). */
const inputValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.object({ propertyName: z.string().min(1) }).strict(),
]);
const runBody = z
  .object({
    portalId: z.number().int().positive(),
    appId: z.number().int().positive(),
    actionId: id,
    objectId: id,
    /** Needed only when the action supports several object types. */
    objectType: z.string().optional(),
    workflowId: z.number().int().positive().optional(),
    inputFields: z.record(z.string(), inputValue).default({}),
  })
  .strict();

/**
 * `/__emulator/workflows/...`: runs an action on a record as an enrolled workflow would, and lists
 * the runs (with every attempt and the callback's outcome).
 */
export function workflowControlRoutes(core: HubSpotCore, store: ActionStore, runner: WorkflowRunner): Hono {
  const app = new Hono({ strict: false });

  app.post("/workflows/run", async (c) => {
    const body = await parseControlBody(c.req.raw, runBody);
    if (!body.ok) return body.response;
    const started = await startRun(core, store, runner, body.value);
    if (!started.ok) return core.errorResponse(started.status, started.category, started.message);
    return c.json(started.run);
  });

  app.get("/workflows/runs", (c) => {
    const { portalId, appId, state } = c.req.query();
    const runs = runner
      .list()
      .filter(
        (r) =>
          (!portalId || String(r.portalId) === portalId) &&
          (!appId || String(r.appId) === appId) &&
          (!state || r.state === state),
      );
    return c.json({ runs });
  });

  app.get("/workflows/runs/:callbackId", (c) => {
    const run = runner.get(c.req.param("callbackId"));
    return run
      ? c.json(run)
      : core.errorResponse(404, "OBJECT_NOT_FOUND", `No run ${c.req.param("callbackId")}.`);
  });

  return app;
}
