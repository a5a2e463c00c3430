import { Hono } from "hono";
import type { HubSpotCore, HubSpotExtension } from "../contract.ts";
import type { CardStoreJson } from "./card-store.ts";
import { cardsExtension } from "./cards.ts";
import { timelineExtension } from "./timeline.ts";
import type { TimelineStoreJson } from "./timeline-store.ts";
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
  timeline?: TimelineStoreJson;
}

/**
 * The extensions the core mounts: webhooks (developer API and delivery), app cards with the
 * record page that shows them, custom workflow actions with their `/__emulator/workflows`
 * control routes, and timeline event templates and events (shown on the record page).
 */
export function createHubSpotExtensions(core: HubSpotCore, opts: ExtensionsOptions = {}): HubSpotExtension {
  const webhooks = webhooksExtension(core);
  const timeline = timelineExtension(core);
  const cards = cardsExtension(core, { ...opts, timeline: timeline.entries });
  const workflows = workflowsExtension(core, opts);
  const routes = new Hono({ strict: false });
  routes.route("/", webhooks.routes);
  routes.route("/", cards.routes);
  routes.route("/", workflows.routes);
  routes.route("/", timeline.routes);
  const reset = () => {
    timeline.reset();
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
      timeline: timeline.snapshot(),
    }),
    restore: (saved) => {
      // A state file from before a part existed restores that part empty.
      const state = (saved ?? {}) as ExtensionsJson;
      reset();
      webhooks.restore(state.webhooks ?? {});
      if (state.cards) cards.restore(state.cards);
      if (state.workflows) workflows.restore(state.workflows);
      if (state.timeline) timeline.restore(state.timeline);
    },
    reset,
    rebuildDelivery: webhooks.rebuildDelivery,
  };
}
