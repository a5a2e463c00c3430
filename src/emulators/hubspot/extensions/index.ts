import { Hono } from "hono";
import type { HubSpotCore, HubSpotExtension } from "../contract.ts";
import { webhooksExtension } from "./webhooks.ts";

/** The extensions the core mounts: webhooks (developer API and delivery). */
export function createHubSpotExtensions(core: HubSpotCore): HubSpotExtension {
  const webhooks = webhooksExtension(core);
  const routes = new Hono();
  routes.route("/", webhooks.routes);
  return {
    routes,
    snapshot: () => ({ webhooks: webhooks.snapshot() }),
    restore: (saved) => webhooks.restore((saved as { webhooks?: unknown } | undefined)?.webhooks ?? {}),
    reset: () => webhooks.reset(),
  };
}
