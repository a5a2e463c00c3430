import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/support/db.ts";
import { HUBSPOT_APP, startStack, type Stack } from "../../../test/support/stack.ts";
import { ManualClock } from "../../lib/clock.ts";
import { ensureSyncSetup } from "./setup.ts";
import { saveSettings } from "./store.ts";
import { syncSettingsSchema } from "./schema.ts";

/**
 * The app's HubSpot webhook subscriptions follow the field mappings (ADR 0040): a mapping added on
 * the mappings page makes HubSpot send that property's edits, which reach the QBO customer through
 * the webhook, with no reconcile run; a mapping removed takes its subscription away.
 */
describeEachBackend("HubSpot webhook subscriptions follow the field mappings", (db) => {
  const clock = new ManualClock("2026-11-02T17:00:00Z");
  let stack: Stack;
  let conn: string;
  let us: string;

  const dev = (path: string, init?: RequestInit) =>
    stack.route(
      `${stack.urls.hubspot}/webhooks/v3/${HUBSPOT_APP.appId}${path}?hapikey=${HUBSPOT_APP.clientId}-hapikey`,
      init,
    );
  async function subscribed(): Promise<string[]> {
    const body = (await (await dev("/subscriptions")).json()) as {
      results: Array<{ eventType: string; propertyName?: string; active: boolean }>;
    };
    return body.results.filter((s) => s.active).map((s) => `${s.eventType}:${s.propertyName ?? ""}`);
  }
  const post = (path: string, fields: Record<string, string>) =>
    stack.app.request(path, {
      method: "POST",
      headers: { cookie: stack.user.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: stack.user.csrf, ...fields }),
    });
  /** HubSpot delivers what is due, then the worker runs everything that is queued. */
  async function deliverAndWork() {
    await stack.hubspot.fetch(
      new Request(`${stack.urls.hubspot}/__emulator/webhooks/flush`, { method: "POST" }),
    );
    await stack.drain();
  }
  /** A contact created or edited by a person in HubSpot's UI (the emulator's control route). */
  async function asUser(method: string, path: string, body: unknown) {
    const res = await stack.hubspot.fetch(
      new Request(
        `${stack.urls.hubspot}/__emulator/portals/${stack.hubspotPortalId}/objects/contacts${path}`,
        {
          method,
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        },
      ),
    );
    return { status: res.status, body: (await res.json()) as { id: string } };
  }
  async function link(hubspotId: string) {
    return db()
      .db.selectFrom("recordLinks")
      .selectAll()
      .where("hubspotId", "=", hubspotId)
      .where("connectionId", "=", conn)
      .executeTakeFirst();
  }

  beforeAll(async () => {
    stack = await startStack(db(), clock);
    conn = stack.companies.us.connectionId;
    us = stack.companies.us.realmId;
    const settings = await dev("/settings", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ targetUrl: `${stack.urls.ledgerlink}/webhooks/hubspot` }),
    });
    expect(settings.status).toBe(200);
    await ensureSyncSetup(db().db, conn, clock.now());
    const s = syncSettingsSchema.parse({});
    s.contacts.enabled = true;
    s.contacts.direction = "to_qbo";
    await saveSettings(db().db, conn, s, clock.now());
  });
  afterAll(() => stack.close());

  it("subscribes a custom mapping's property on save, and its edit reaches the QBO customer through the webhook", async () => {
    expect(await subscribed()).not.toContain("contact.propertyChange:jobtitle");
    const saved = await post(`/mappings/${conn}/contact`, {
      hubspotProperty: "jobtitle",
      qboField: "Title",
      direction: "both",
    });
    expect(saved.status).toBe(303);
    await stack.drain(); // the subscriptions job, enqueued with the mapping
    const subs = await subscribed();
    expect(subs).toContain("contact.propertyChange:jobtitle");
    // The default mappings' properties are watched too (phone, last name…), not only e-mail.
    expect(subs).toEqual(
      expect.arrayContaining(["contact.propertyChange:phone", "contact.propertyChange:lastname"]),
    );

    const created = await asUser("POST", "", {
      properties: { firstname: "Wanda", lastname: "Webhook", email: "wanda.webhook@example.com" },
    });
    expect(created.status).toBe(201);
    clock.advance(1_000);
    await deliverAndWork();
    const linked = await link(created.body.id);
    expect(linked).toBeDefined();

    clock.advance(60_000);
    const edited = await asUser("PATCH", `/${created.body.id}`, {
      properties: { jobtitle: "Head Gardener", phone: "+1 555 0100" },
    });
    expect(edited.status).toBe(200);
    await deliverAndWork();
    const customer = (await stack.qboApi(us, "GET", `/customer/${linked!.qboId}`)).body.Customer;
    expect(customer.Title).toBe("Head Gardener");
    expect(customer.PrimaryPhone?.FreeFormNumber).toBe("+1 555 0100");
    const ledger = await db()
      .db.selectFrom("syncLedger")
      .select(["trigger", "outcome"])
      .where("objectId", "=", created.body.id)
      .execute();
    // Only webhooks brought the changes: no reconcile ran in this test.
    expect(ledger.map((l) => l.trigger)).not.toContain("timer");
    expect(ledger.some((l) => l.trigger === "webhook" && l.outcome === "ok")).toBe(true);
  });

  it("takes the subscription away when the mapping is removed, and keeps the defaults'", async () => {
    const row = await db()
      .db.selectFrom("fieldMappings")
      .select("mappingId")
      .where("connectionId", "=", conn)
      .where("hubspotProperty", "=", "jobtitle")
      .executeTakeFirstOrThrow();
    expect((await post(`/mappings/${conn}/${row.mappingId}/delete`, { confirm: "yes" })).status).toBe(303);
    const queued = await db()
      .db.selectFrom("fieldMappings")
      .select("mappingId")
      .where("mappingId", "=", row.mappingId)
      .execute();
    expect(queued).toEqual([]);
    await stack.drain();
    const subs = await subscribed();
    expect(subs).not.toContain("contact.propertyChange:jobtitle");
    expect(subs).toContain("contact.propertyChange:phone");
  });
});
