import { Hono } from "hono";
import type { HubSpotCore } from "../contract.ts";
import { cardRoutes } from "./card-routes.ts";
import { CardStore, type CardStoreJson } from "./card-store.ts";
import { userSwitchRoutes } from "../console/user-routes.ts";
import { recordPageRoutes } from "./record-routes.tsx";
import type { TimelineEntry } from "./timeline.ts";

/**
 * App cards (docs/vendors/hubspot.md §10): the card definition API and the record page that shows them.
 * `fetch` is how the emulator reaches card and action-hook URLs (tests may pass their own).
 */
export function cardsExtension(
  core: HubSpotCore,
  opts: {
    fetch?: typeof fetch;
    /** A record's timeline events for its page (the timeline extension); none without it. */
    timeline?: (portalId: number, objectType: string, objectId: string) => TimelineEntry[];
  } = {},
) {
  const store = new CardStore();
  const routes = new Hono({ strict: false });
  routes.route("/", cardRoutes(core, store));
  routes.route("/", recordPageRoutes(core, store, opts.fetch, opts.timeline));
  routes.route("/", userSwitchRoutes(core));
  return {
    store,
    routes,
    snapshot: (): CardStoreJson => store.toJSON(),
    restore: (saved: CardStoreJson) => store.restore(saved),
    reset: () => store.reset(),
  };
}
