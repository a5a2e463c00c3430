import { Hono } from "hono";
import { expect, it } from "vitest";
import { describeEachBackend } from "../../../test/support/db.ts";
import { fetchVia, testVendorClients } from "../../../test/support/engine.ts";
import { signedInPortal } from "../../../test/support/session.ts";
import { storeDelivery } from "./repo.ts";
import { listLedger } from "../activity/repo.ts";
import { findPortal } from "../connections/repo/portals.ts";
import { ManualClock } from "../../lib/clock.ts";
import { silentLogger } from "../../lib/logger.ts";
import { processHubSpotEventsHandler } from "./hubspot-events.ts";
import { setupPortalHandler } from "../connections/setup-portal-job.ts";
import { reconcileAllHandler } from "./timers.ts";
import type { Enqueuer } from "../../queue/catalogue.ts";
import { upsertQboConnection } from "../connections/repo/qbo-connections.ts";
import { testSecrets } from "../../../test/support/app.ts";

const ctx = <P>(payload: P) => ({ payload, jobId: "job-1", log: silentLogger, retryCount: 0 });

/** A scripted HubSpot properties API that keeps what was created. */
function fakeHubSpotProperties() {
  const created: string[] = [];
  const app = new Hono();
  app.get("/crm/v3/properties/:type/groups", (c) => c.json({ results: [] }));
  app.post("/crm/v3/properties/:type/groups", async (c) => c.json(await c.req.json(), 201));
  app.get("/crm/v3/properties/:type", (c) => c.json({ results: [{ name: "dealname" }] }));
  app.post("/crm/v3/properties/:type", async (c) => {
    const body = (await c.req.json()) as { name: string };
    created.push(`${c.req.param("type")}.${body.name}`);
    return c.json(body, 201);
  });
  return { created, fetch: fetchVia(app.fetch) };
}

describeEachBackend("engine handlers", (db) => {
  const clock = new ManualClock("2026-09-01T00:00:00Z");

  it("sets up a newly connected portal's properties and records it", async () => {
    const { portalId } = await signedInPortal(db().db, "setup1", clock.now());
    const hubspot = fakeHubSpotProperties();
    const clients = testVendorClients(db().db, clock, {
      hubspot: {
        clientId: "c",
        clientSecret: "s",
        redirectUri: "x",
        authBaseUrl: "http://hs",
        apiBaseUrl: "http://hs",
        fetch: hubspot.fetch,
        clock,
      },
    });
    await setupPortalHandler({ db: db().db, clock, clients }, ctx({ portalId, locale: "en" as const }));
    expect(hubspot.created).toContain("deals.qbo_invoice_status");
    expect((await findPortal(db().db, portalId))?.setupCompletedAt).toBeInstanceOf(Date);
    const [entry] = await listLedger(db().db, portalId);
    expect(entry).toMatchObject({ objectType: "connection", outcome: "ok" });
    // The Activity page counts the set-up's calls: one per property created, and the reads.
    const calls = entry!.vendorCalls as Array<{ vendor: string; method: string; path: string }>;
    const creates = calls.filter(
      (c) => c.method === "POST" && /^\/crm\/v3\/properties\/[a-z_]+$/.test(c.path),
    );
    expect(creates).toHaveLength(hubspot.created.length);
    expect(calls.length).toBeGreaterThan(hubspot.created.length);
    expect(calls.every((c) => c.vendor === "hubspot")).toBe(true);
  });

  it("processes stored HubSpot events in the order they happened, once each", async () => {
    const { portalId } = await signedInPortal(db().db, "events1", clock.now());
    const event = (id: string, at: string, prop: string) => ({
      eventId: id,
      portalId,
      appId: "1",
      subscriptionType: "contact.propertyChange",
      objectId: "51",
      propertyName: prop,
      occurredAt: at,
      attemptNumber: 0,
      dedupeKey: id,
    });
    await storeDelivery(db().db, {
      vendor: "hubspot",
      accountId: portalId,
      dedupeKey: "2",
      payload: event("2", "2026-09-01T00:00:02Z", "lastname"),
      receivedAt: clock.now(),
    });
    await storeDelivery(db().db, {
      vendor: "hubspot",
      accountId: portalId,
      dedupeKey: "1",
      payload: event("1", "2026-09-01T00:00:01Z", "email"),
      receivedAt: clock.now(),
    });
    const seen: string[] = [];
    const rule = async (_p: string, e: { propertyName?: string }) => {
      seen.push(e.propertyName ?? "");
      return undefined;
    };
    await processHubSpotEventsHandler({ db: db().db, clock, rules: [rule] }, ctx({ portalId }));
    await processHubSpotEventsHandler({ db: db().db, clock, rules: [rule] }, ctx({ portalId }));
    expect(seen).toEqual(["email", "lastname"]);
    const ledger = await listLedger(db().db, portalId);
    expect(ledger).toHaveLength(2);
    expect(ledger.every((e) => e.outcome === "skipped" && e.trigger === "webhook")).toBe(true);
  });

  it("drops events of changes Ledgerlink's own app made (echoes), before any rule", async () => {
    const { portalId } = await signedInPortal(db().db, "events2", clock.now());
    const appId = (
      await db()
        .db.selectFrom("portals")
        .select("appId")
        .where("portalId", "=", portalId)
        .executeTakeFirstOrThrow()
    ).appId;
    const event = (id: string, sourceId: string) => ({
      eventId: id,
      portalId,
      appId,
      subscriptionType: "contact.propertyChange",
      objectId: "52",
      propertyName: "phone",
      changeSource: "INTEGRATION",
      sourceId,
      occurredAt: `2026-09-01T00:00:0${id}Z`,
      attemptNumber: 0,
      dedupeKey: id,
    });
    for (const [id, source] of [
      ["1", appId],
      ["2", "999"],
    ] as const)
      await storeDelivery(db().db, {
        vendor: "hubspot",
        accountId: portalId,
        dedupeKey: `echo-${id}`,
        payload: event(id, source),
        receivedAt: clock.now(),
      });
    const seen: string[] = [];
    const rule = async (_p: string, e: { eventId: string }) => {
      seen.push(e.eventId);
      return undefined;
    };
    await processHubSpotEventsHandler({ db: db().db, clock, rules: [rule] }, ctx({ portalId }));
    expect(seen).toEqual(["2"]); // another app's change is synced; ours is not
    const decisions = (await listLedger(db().db, portalId)).map((e) => e.decision);
    expect(decisions).toContain("contact.propertyChange made by Ledgerlink itself; not synced back");
  });

  it("the reconcile timer queues a pull per active company and a poll per polled HubSpot object", async () => {
    const { portalId } = await signedInPortal(db().db, "timer1", clock.now());
    const company = (id: string, status: "active" | "needs_reconnect") => ({
      connectionId: id,
      portalId,
      realmId: id,
      companyName: id,
      country: "US",
      homeCurrency: "USD",
      multiCurrency: false,
      customTxnNumbers: false,
      accessToken: testSecrets.seal("a"),
      refreshToken: testSecrets.seal("r"),
      accessExpiresAt: clock.now(),
      refreshExpiresAt: clock.now(),
      status,
    });
    await upsertQboConnection(db().db, company("timer-ok", "active"), clock.now());
    await upsertQboConnection(db().db, company("timer-broken", "active"), clock.now());
    await db()
      .db.updateTable("qboConnections")
      .set({ status: "needs_reconnect" })
      .where("connectionId", "=", "timer-broken")
      .execute();
    const sent: Array<[string, unknown]> = [];
    const spy: Enqueuer = { enqueue: async (_trx, job, payload) => (sent.push([job.name, payload]), "id") };
    await reconcileAllHandler({ db: db().db, queue: spy });
    expect(sent).toContainEqual(["pull-qbo-changes", { connectionId: "timer-ok", reason: "timer" }]);
    expect(sent.some(([, p]) => (p as { connectionId?: string }).connectionId === "timer-broken")).toBe(
      false,
    );
    expect(sent).toContainEqual(["poll-hubspot", { portalId, objectType: "quotes" }]);
    expect(sent).toContainEqual(["poll-hubspot", { portalId, objectType: "invoices" }]);
  });
});
