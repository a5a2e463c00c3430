import { Hono, type Context } from "hono";
import type { DatabaseHandle } from "../../db/kysely.ts";
import type { Clock } from "../../lib/clock.ts";
import type { JobQueue } from "../../queue/queue.ts";
import type { AppEnv } from "../../http/context.ts";
import { portalRefusal, type VendorApps } from "../connections/index.ts";
import { receiveHubSpotWebhook, receiveQboWebhook, type IntakeDeps, type IntakeRefusal } from "./service.ts";

export interface WebhookDeps {
  database: DatabaseHandle;
  clock: Clock;
  vendors: VendorApps;
  queue?: JobQueue;
  publicUrl: string;
  intuitVerifierToken?: string;
  /** HUBSPOT_ALLOWED_PORTALS (ADR 0024). */
  allowedPortals?: readonly string[];
}

/**
 * Webhook intake: the service verifies, stores and queues; this answers at once. A forged, stale
 * or malformed delivery gets 401/400 and changes nothing.
 */
export function webhookRoutes(deps: WebhookDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const service: IntakeDeps = { ...deps, db: deps.database.db };

  app.post("/webhooks/qbo", async (c) => {
    const taken = await receiveQboWebhook(service, {
      rawBody: new Uint8Array(await c.req.arrayBuffer()),
      signature: c.req.header("intuit-signature"),
      requestId: c.get("requestId"),
    });
    return taken.ok ? c.json(taken.value) : refusal(c, "QuickBooks", taken.error);
  });

  app.post("/webhooks/hubspot", async (c) => {
    const taken = await receiveHubSpotWebhook(service, {
      method: c.req.method,
      url: `${deps.publicUrl}${c.req.path}${new URL(c.req.url).search}`,
      rawBody: new Uint8Array(await c.req.arrayBuffer()),
      header: (name) => c.req.header(name),
      requestId: c.get("requestId"),
    });
    return taken.ok ? c.json(taken.value) : refusal(c, "HubSpot", taken.error);
  });
  return app;
}

function refusal(c: Context<AppEnv>, vendor: "QuickBooks" | "HubSpot", refused: IntakeRefusal) {
  if (refused.kind === "not_configured")
    return c.json({ error: `${vendor} webhooks are not configured` }, 503);
  if (refused.kind === "portal_refused") {
    c.get("log").warn(
      { portals: refused.portalIds },
      "refused webhook for portals this instance does not serve",
    );
    return c.json({ error: refused.portalIds.map(portalRefusal).join(" ") }, 403);
  }
  const { refusal: why } = refused;
  c.get("log").warn({ reason: why.reason }, `refused ${vendor} webhook: ${why.message}`);
  return c.json({ error: why.message }, why.status);
}
