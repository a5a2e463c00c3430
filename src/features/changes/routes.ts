import { Hono } from "hono";
import type { DatabaseHandle } from "../../db/kysely.ts";
import { storeDelivery } from "./repo.ts";
import { readHubSpotDelivery } from "../../connectors/hubspot/webhooks.ts";
import { readQboDelivery } from "../../connectors/qbo/webhooks.ts";
import type { Clock } from "../../lib/clock.ts";
import type { JobQueue } from "../../queue/queue.ts";
import { processHubSpotEvents, pullQboChanges } from "./jobs.ts";
import type { AppEnv } from "../../http/context.ts";
import type { VendorApps } from "../connections/index.ts";

export interface WebhookDeps {
  database: DatabaseHandle;
  clock: Clock;
  vendors: VendorApps;
  queue?: JobQueue;
  publicUrl: string;
  intuitVerifierToken?: string;
}

/**
 * Webhook intake (DESIGN §4.2–4.3): verify the signature on the raw body, keep each event once in
 * the inbox, enqueue one pull per connection in the same transaction, answer at once. A forged,
 * stale or malformed delivery gets 401/400 and changes nothing. Events are only hints: the pull
 * job reads the truth from the vendor.
 */
export function webhookRoutes(deps: WebhookDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;

  app.post("/webhooks/qbo", async (c) => {
    const token = deps.intuitVerifierToken;
    if (!token || !deps.queue) return c.json({ error: "QuickBooks webhooks are not configured" }, 503);
    const queue = deps.queue;
    const rawBody = new Uint8Array(await c.req.arrayBuffer());
    const now = deps.clock.now();
    const read = readQboDelivery({
      rawBody,
      signature: c.req.header("intuit-signature"),
      verifierToken: token,
      receivedAt: now,
    });
    if (!read.ok) {
      c.get("log").warn({ reason: read.error.reason }, `refused QuickBooks webhook: ${read.error.message}`);
      return c.json({ error: read.error.message }, read.error.status);
    }
    const realms = [...new Set(read.value.map((change) => change.realmId))];
    const connections = realms.length
      ? await db
          .selectFrom("qboConnections")
          .select(["connectionId", "realmId"])
          .where("realmId", "in", realms)
          .where("status", "=", "active")
          .execute()
      : [];
    await db.transaction().execute(async (trx) => {
      const touched = new Set<string>();
      for (const change of read.value) {
        const fresh = await storeDelivery(trx, {
          vendor: "qbo",
          accountId: change.realmId,
          dedupeKey: change.dedupeKey,
          payload: change,
          receivedAt: now,
        });
        if (fresh)
          for (const conn of connections.filter((x) => x.realmId === change.realmId))
            touched.add(conn.connectionId);
      }
      for (const connectionId of touched) {
        await queue.enqueue(
          trx,
          pullQboChanges,
          { connectionId, reason: "webhook" },
          { requestId: c.get("requestId") },
        );
      }
    });
    return c.json({ received: read.value.length });
  });

  app.post("/webhooks/hubspot", async (c) => {
    const hubspot = deps.vendors.hubspot;
    if (!hubspot || !deps.queue) return c.json({ error: "HubSpot webhooks are not configured" }, 503);
    const queue = deps.queue;
    const rawBody = new Uint8Array(await c.req.arrayBuffer());
    const now = deps.clock.now();
    const url = `${deps.publicUrl}${c.req.path}${new URL(c.req.url).search}`;
    const read = readHubSpotDelivery({
      method: c.req.method,
      url,
      rawBody,
      header: (name) => c.req.header(name),
      clientSecret: hubspot.clientSecret,
      now,
    });
    if (!read.ok) {
      c.get("log").warn({ reason: read.error.reason }, `refused HubSpot webhook: ${read.error.message}`);
      return c.json({ error: read.error.message }, read.error.status);
    }
    const portals = new Set(
      (await db.selectFrom("portals").select("portalId").where("status", "=", "active").execute()).map(
        (p) => p.portalId,
      ),
    );
    await db.transaction().execute(async (trx) => {
      const touched = new Set<string>();
      for (const event of read.value) {
        if (!portals.has(event.portalId)) continue;
        const fresh = await storeDelivery(trx, {
          vendor: "hubspot",
          accountId: event.portalId,
          dedupeKey: event.dedupeKey,
          payload: event,
          receivedAt: now,
        });
        if (fresh) touched.add(event.portalId);
      }
      for (const portalId of touched)
        await queue.enqueue(trx, processHubSpotEvents, { portalId }, { requestId: c.get("requestId") });
    });
    return c.json({ received: read.value.length });
  });
  return app;
}
