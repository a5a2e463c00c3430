import { Hono } from "hono";
import type { HubSpotCore, HubSpotExtension } from "../contract.ts";
import type { CardStoreJson } from "./card-store.ts";
import { cardsExtension } from "./cards.ts";
import { webhooksExtension } from "./webhooks.ts";
import { workflowsExtension, type WorkflowsJson } from "./workflows.ts";

export interface ExtensionsOptions {
  /** How the emulator calls card fetch URLs, action hooks and workflow action URLs (webhooks use the core's dispatcher). */
  fetch?: typeof fetch;
}

interface ExtensionsJson {
  webhooks?: unknown;
  cards?: CardStoreJson;
  workflows?: WorkflowsJson;
}

/**
 * The extensions the core mounts: webhooks (developer API and delivery), app cards with the
 * record page that shows them, and custom workflow actions with their `/__emulator/workflows`
 * control routes.
 */
export function createHubSpotExtensions(core: HubSpotCore, opts: ExtensionsOptions = {}): HubSpotExtension {
  const webhooks = webhooksExtension(core);
  const cards = cardsExtension(core, opts);
  const workflows = workflowsExtension(core, opts);
  const routes = new Hono({ strict: false });
  routes.route("/", webhooks.routes);
  routes.route("/", cards.routes);
  routes.route("/", workflows.routes);
  const reset = () => {
    webhooks.reset();
    cards.reset();
    workflows.reset();
  };
  return {
    routes,
    control: workflows.control,
    workflows: workflows.console,
    snapshot: (): ExtensionsJson => ({
      webhooks: webhooks.snapshot(),
      cards: cards.snapshot(),
      workflows: workflows.snapshot(),
    }),
    restore: (saved) => {
      // A state file from before a part existed restores that part empty.
      const state = (saved ?? {}) as ExtensionsJson;
      reset();
      webhooks.restore(state.webhooks ?? {});
      if (state.cards) cards.restore(state.cards);
      if (state.workflows) workflows.restore(state.workflows);
    },
    reset,
    rebuildDelivery: webhooks.rebuildDelivery,
  };
}
