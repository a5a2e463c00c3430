import { afterAll, beforeAll, expect, it } from "vitest";
import { startReceiver, startSmtpSink } from "../../../test/support/automation-sinks.ts";
import { testSecrets } from "../../../test/support/app.ts";
import { describeEachBackend } from "../../../test/support/db.ts";
import { HUBSPOT_APP, startStack, type Stack } from "../../../test/support/stack.ts";
import { smtpMailer } from "../../connectors/smtp.ts";
import { signatureHeaders } from "../../emulators/hubspot/extensions/signatures.ts";
import { ManualClock } from "../../lib/clock.ts";
import { silentLogger } from "../../lib/logger.ts";
import type { Handlers } from "../../queue/catalogue.ts";
import { recordLedger } from "../activity/index.ts";
import { slackUrlContext } from "../automations/index.ts";
import { jobHandlers } from "../catalogue.ts";
import { checkHealthJob } from "./index.ts";

/**
 * Health incidents (ADR 0028): a refresh answered invalid_grant opens one, every page and the card
 * say so with a Reconnect link, the automation channels hear of it once, and it resolves when the
 * company is reconnected. A sync failing N times in a row does the same until a sync succeeds.
 */
describeEachBackend("health incidents", (db) => {
  const clock = new ManualClock("2026-11-02T17:00:00Z");
  let stack: Stack;
  let handlers: Handlers;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let mailer: ReturnType<typeof smtpMailer>;
  let conn: string;
  let dealId: string;

  beforeAll(async () => {
    stack = await startStack(db(), clock);
    conn = stack.companies.us.connectionId;
    dealId = (await stack.hs("GET", "/crm/v3/objects/deals?limit=1")).body.results[0].id;
    receiver = await startReceiver();
    smtp = await startSmtpSink();
    mailer = smtpMailer({ url: smtp.url, from: "ledgerlink@ledgerlink.test" });
    const automations = { fetch, secrets: testSecrets, mailer };
    handlers = jobHandlers({
      db: db().db,
      logger: silentLogger,
      clock,
      clients: stack.clients,
      queue: stack.queue,
      automations,
      failureThreshold: 2,
      publicUrl: stack.urls.ledgerlink,
    });
    const rule = async (ruleId: string, settings: Record<string, unknown>, enabled = true) =>
      db()
        .db.insertInto("automationRules")
        .values({
          ruleId,
          portalId: stack.portalId,
          name: ruleId,
          enabled,
          event: "paid",
          action: settings.action as "slack",
          settings: JSON.stringify(settings),
          connectionId: null,
          pipelineId: null,
          amountMin: null,
          amountMax: null,
          createdAt: clock.now(),
          updatedAt: clock.now(),
        })
        .execute();
    // Slack URLs are stored sealed, each under its own rule's context.
    const slack = (ruleId: string, url: string, text: string) => ({
      action: "slack",
      sealedUrl: testSecrets.seal(url, slackUrlContext(ruleId)),
      text,
    });
    await rule("r-slack", slack("r-slack", `${receiver.url}/slack`, "paid {{invoice.number}}"));
    // The same Slack URL on a second rule is told once.
    await rule("r-slack-2", slack("r-slack-2", `${receiver.url}/slack`, "x"));
    await rule("r-hook", {
      action: "webhook",
      url: `${receiver.url}/hook`,
      secret: testSecrets.seal("whsec-health", "automation:r-hook"),
    });
    await rule("r-mail", {
      action: "email",
      to: "fixed",
      address: "ops@example.com",
      subject: "s",
      body: "b",
    });
    // A customer is never told about our connection's health; a disabled rule is not a channel.
    await rule("r-customer", { action: "email", to: "customer", address: null, subject: "s", body: "b" });
    await rule("r-off", slack("r-off", `${receiver.url}/off`, "x"), false);
  });
  afterAll(async () => {
    await stack.close();
    mailer.close();
    await receiver.close();
    await smtp.close();
  });

  const check = async () => {
    await db()
      .db.transaction()
      .execute((trx) => stack.queue.enqueue(trx, checkHealthJob, {}));
    while ((await stack.queue.drain(handlers)) > 0);
  };
  const incidents = () =>
    db().db.selectFrom("healthIncidents").selectAll().orderBy("openedAt").orderBy("incidentId").execute();
  const page = async (path = "/connections") => {
    const res = await stack.app.request(path, { headers: { cookie: stack.user.cookie } });
    expect(res.status).toBe(200);
    return res.text();
  };
  const cardJson = async (format: "classic" | "app-card") => {
    const url = `${stack.urls.ledgerlink}/hubspot/card?${new URLSearchParams({
      userId: "1",
      userEmail: "owner@stack.example",
      associatedObjectId: dealId,
      associatedObjectType: "DEAL",
      portalId: stack.portalId,
      format,
    }).toString()}`;
    const headers = signatureHeaders({
      clientSecret: HUBSPOT_APP.clientSecret,
      method: "GET",
      url,
      body: "",
      now: clock.now(),
      legacy: "v2",
    });
    const res = await stack.app.request(url, { headers });
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  };
  const card = async () =>
    (await cardJson("classic")) as {
      results: Array<{
        objectId: string;
        title: string;
        link?: string;
        properties: Array<{ value: string }>;
      }>;
    };
  const appCard = async () =>
    (await cardJson("app-card")) as { alerts?: Array<{ body: string; reconnect: unknown }> };

  it("opens on invalid_grant, shows on every page and the card, notifies once, and resolves on reconnect", async () => {
    // The company's refresh token is revoked at Intuit: the next refresh answers invalid_grant.
    const stale = clock.now();
    await db()
      .db.updateTable("qboConnections")
      .set({
        accessExpiresAt: new Date(stale.getTime() - 1000),
        refreshToken: testSecrets.seal("revoked-refresh-token", `qbo:${conn}`),
      })
      .where("connectionId", "=", conn)
      .execute();
    const token = await stack.clients.tokens.accessToken({ kind: "qbo", connectionId: conn });
    expect(token.ok).toBe(false);
    // Shown at once, before check-health opens the incident (ADR 0033): no notice is sent yet.
    expect(await page()).toContain('class="banner health"');
    expect(await incidents()).toEqual([]);

    await check();
    const [incident] = await incidents();
    expect(incident).toMatchObject({ kind: "needs_reconnect", vendor: "qbo", connectionId: conn });
    expect(incident!.resolvedAt).toBeNull();
    expect(incident!.notifiedAt).not.toBeNull();

    // Every page: the banner with a Reconnect link, in English and in Japanese.
    for (const path of ["/connections", "/activity", "/"]) {
      const html = await page(path);
      expect(html).toContain('class="banner health"');
      expect(html).toContain("Craig&#39;s Design and Landscaping");
      expect(html).toContain('<a href="/connections">Reconnect</a>');
    }
    expect(await page("/activity?lang=ja")).toContain('<a href="/connections">再接続</a>');
    await page("/activity?lang=en");

    // The card: its first row says so and links to the reconnect page.
    const rows = (await card()).results;
    expect(rows[0]).toMatchObject({
      objectId: "ledgerlink-health-0",
      link: `${stack.urls.ledgerlink}/connections`,
    });
    expect(rows[0]!.properties[0]!.value).toContain("can no longer reach the QuickBooks company");
    // The HubSpot app card gets the same, above its table.
    expect((await appCard()).alerts).toEqual([
      expect.objectContaining({
        reconnect: { label: "Reconnect", url: `${stack.urls.ledgerlink}/connections` },
      }),
    ]);

    // Told once, on each distinct channel: Slack, the signed webhook, the fixed address.
    expect(receiver.at("/slack")).toHaveLength(1);
    expect(receiver.at("/off")).toHaveLength(0);
    expect(JSON.parse(receiver.at("/slack")[0]!.body).text).toContain("Ledgerlink needs attention");
    const hooks = receiver.at("/hook");
    expect(hooks).toHaveLength(1);
    expect(hooks[0]!.headers["x-ledgerlink-event"]).toBe("health.incident_opened");
    expect(hooks[0]!.headers["x-ledgerlink-delivery"]).toBe(incident!.incidentId);
    expect(hooks[0]!.headers["x-ledgerlink-signature"]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(JSON.parse(hooks[0]!.body)).toMatchObject({
      event: "health.incident_opened",
      incident: { kind: "needs_reconnect" },
    });
    expect(smtp.mails.map((m) => m.to)).toEqual([["ops@example.com"]]);

    // Still broken a minute later: the same incident, no second notice.
    clock.advance(60_000);
    await check();
    expect(await incidents()).toHaveLength(1);
    expect(receiver.received).toHaveLength(2);
    expect(smtp.mails).toHaveLength(1);

    // Reconnected (the OAuth callback stores fresh tokens and marks the company active): resolved.
    const fresh = await stack.qboControl("/tokens", {
      realmId: stack.companies.us.realmId,
      clientId: "ledgerlink-dev",
    });
    await db()
      .db.updateTable("qboConnections")
      .set({
        status: "active",
        statusReason: null,
        accessToken: testSecrets.seal(String(fresh.access_token), `qbo:${conn}`),
        refreshToken: testSecrets.seal(String(fresh.refresh_token), `qbo:${conn}`),
        accessExpiresAt: new Date(clock.now().getTime() + 3600_000),
      })
      .where("connectionId", "=", conn)
      .execute();
    clock.advance(60_000);
    await check();
    const [resolved] = await incidents();
    expect(resolved!.resolvedAt).not.toBeNull();
    expect(await page()).not.toContain('class="banner health"');
    expect((await card()).results.some((r) => r.objectId.startsWith("ledgerlink-health"))).toBe(false);
    expect((await appCard()).alerts).toBeUndefined();
    expect(receiver.received).toHaveLength(2);
  });

  it("opens when a sync failed N times in a row, and resolves when one succeeds", async () => {
    const entry = (outcome: "ok" | "failed") => {
      clock.advance(1000);
      return recordLedger(db().db, {
        portalId: stack.portalId,
        connectionId: conn,
        objectType: "invoices",
        trigger: "cdc",
        decision: "update the HubSpot invoice",
        outcome,
        ...(outcome === "failed" ? { errorMessage: "HubSpot answered 500" } : {}),
        at: clock.now(),
      });
    };
    const open = async () => (await incidents()).filter((i) => i.resolvedAt === null);
    await entry("failed");
    await check();
    expect(await open()).toHaveLength(0); // one failure is not "keeps failing" (threshold 2)

    await entry("failed");
    await check();
    const [incident] = await open();
    expect(incident).toMatchObject({ kind: "sync_failing", objectType: "invoices", failures: 2 });
    expect(incident!.notifiedAt).not.toBeNull();
    expect(receiver.at("/slack")).toHaveLength(2);
    const html = await page();
    expect(html).toContain("The last 2 syncs of invoices with Craig&#39;s Design and Landscaping failed");
    expect(html).toContain('<a href="/activity?outcome=failed&amp;object=invoices">See what failed</a>');
    expect(await page("/?lang=ja")).toContain("直近 2 回続けて失敗");
    await page("/?lang=en");

    await entry("failed");
    await check();
    expect(await open()).toHaveLength(1);
    expect(receiver.at("/slack")).toHaveLength(2);

    await entry("ok");
    await check();
    expect(await open()).toHaveLength(0);
  });
});
