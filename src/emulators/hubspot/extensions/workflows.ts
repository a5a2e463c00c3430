import { Hono } from "hono";
import type { HubSpotCore } from "../contract.ts";
import type { AccessTokenCheck } from "./access-token.ts";
import { actionRoutes } from "./action-routes.ts";
import { ActionStore, type ActionStoreJson } from "./action-store.ts";
import { workflowConsole } from "./workflow-console.ts";
import { workflowControlRoutes } from "./workflow-control.ts";
import { WorkflowRunner, type RunnerJson } from "./workflow-runner.ts";

export interface WorkflowsJson {
  actions: ActionStoreJson;
  runs: RunnerJson;
}

/**
 * Custom workflow actions (docs/vendors/hubspot.md §11): definitions, completion callbacks, and the
 * `/__emulator/workflows` control routes that play the workflow engine.
 */
export function workflowsExtension(
  core: HubSpotCore & AccessTokenCheck,
  opts: { fetch?: typeof fetch } = {},
) {
  const store = new ActionStore();
  const runner = new WorkflowRunner(core, opts.fetch);
  const routes = new Hono({ strict: false });
  routes.route("/", actionRoutes(core, store, runner));
  return {
    store,
    runner,
    routes,
    control: workflowControlRoutes(core, store, runner),
    console: workflowConsole(core, store, runner, opts.fetch),
    snapshot: (): WorkflowsJson => ({ actions: store.toJSON(), runs: runner.toJSON() }),
    restore: (saved: WorkflowsJson) => {
      store.restore(saved.actions);
      runner.restore(saved.runs);
    },
    reset: () => {
      store.reset();
      runner.reset();
    },
  };
}
