import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/support/db.ts";
import { formPost } from "../../../test/support/session.ts";
import { HUBSPOT_APP, startStack, type Stack } from "../../../test/support/stack.ts";
import { signatureHeaders } from "../../emulators/hubspot/extensions/signatures.ts";
import { ManualClock } from "../../lib/clock.ts";
import { pullQboChanges } from "../changes/index.ts";
import { refreshCompanyInfo } from "./jobs.ts";

/**
 * ADR 0033: a refresh refused with invalid_grant (the app was disconnected in QuickBooks) marks the
 * company "needs reconnecting"; its jobs end quietly, parked, without burning retries; the
 * Connections page, the CRM card and the invoice wizard offer "Reconnect"; reconnecting through
 * Intuit's consent page sends the parked jobs again, and they succeed.
 */
describeEachBackend("a connection that needs reconnecting (ADR 0033)", (db) => {
  const clock = new ManualClock("2026-06-02T09:00:00Z");
  let stack: Stack;
  let dealId: string;
  beforeAll(async () => {
    stack = await startStack(db(), clock);
    const deals = await stack.hs("GET", "/crm/v3/objects/deals?limit=1");
    dealId = String(deals.body.results[0].id);
  });
  afterAll(() => stack.close());

  const parked = () => db().db.selectFrom("parkedJobs").selectAll().orderBy("jobName").execute();
  const status = async (connectionId: string) =>
    (
      await db()
        .db.selectFrom("qboConnections")
        .select("status")
        .where("connectionId", "=", connectionId)
        .executeTakeFirstOrThrow()
    ).status;
  const requests = async () =>
    ((await stack.qboControl("/requests")) as { requests: Array<{ method: string; path: string }> }).requests;
  const clearRequests = () =>
    stack.qbo.fetch(new Request(`${stack.urls.qbo}/__emulator/requests`, { method: "DELETE" }));
  const jobStates = async (name: string) =>
    (await stack.queue.countsByState()).filter((r) => r.name === name && r.count > 0).map((r) => r.state);

  /** Reconnects a company as its administrator would: Connections → Intuit's consent → callback. */
  async function reconnect(realmId: string) {
    const start = await stack.app.request("/connections/qbo", formPost(stack.user.cookie, stack.user.csrf));
    expect(start.status).toBe(303);
    const consent = new URL(start.headers.get("location")!);
    const p = consent.searchParams;
    const approve = await stack.qbo.fetch(
      new Request(`${stack.urls.qbo}/connect/oauth2`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          client_id: p.get("client_id")!,
          redirect_uri: p.get("redirect_uri")!,
          scope: p.get("scope")!,
          state: p.get("state")!,
          decision: "approve",
          realmId,
        }).toString(),
      }),
    );
    const back = new URL(approve.headers.get("location")!);
    const done = await stack.app.request(`${back.pathname}${back.search}`, {
      headers: { cookie: stack.user.cookie },
    });
    expect(done.status).toBe(302);
  }

  it("invalid_grant: the company needs reconnecting and its jobs park without a retry", async () => {
    const { uk } = stack.companies;
    await stack.qboControl("/tokens/revoke", { realmId: uk.realmId });
    // Ledgerlink still believes the access token valid: the 401 leads to one refresh, refused.
    await stack.qboControl("/tokens/expire", { realmId: uk.realmId });
    await db()
      .db.transaction()
      .execute((trx) => stack.queue.enqueue(trx, refreshCompanyInfo, { connectionId: uk.connectionId }));
    await stack.drain();
    expect(await status(uk.connectionId)).toBe("needs_reconnect");
    expect(await jobStates("refresh-company-info")).toEqual(["completed"]);

    // A job sent for it afterwards does not even call QuickBooks.
    await clearRequests();
    await db()
      .db.transaction()
      .execute((trx) =>
        stack.queue.enqueue(trx, pullQboChanges, { connectionId: uk.connectionId, reason: "user" }),
      );
    await stack.drain();
    expect((await requests()).filter((r) => r.path.includes(uk.realmId))).toEqual([]);
    expect(await jobStates("pull-qbo-changes")).not.toContain("failed");
    expect(await jobStates("pull-qbo-changes")).not.toContain("retry");
    expect((await parked()).map((j) => [j.waitsFor, j.jobName])).toEqual([
      [`qbo:${uk.connectionId}`, "pull-qbo-changes"],
      [`qbo:${uk.connectionId}`, "refresh-company-info"],
    ]);
  });

  it("Connections, the CRM card and the wizard say so and offer Reconnect, in English and Japanese", async () => {
    const { uk, us } = stack.companies;
    const connections = await (
      await stack.app.request("/connections", { headers: { cookie: stack.user.cookie } })
    ).text();
    expect(connections).toContain('data-testid="reconnect-qbo"');
    expect(connections).toMatch(
      /<form method="post" action="\/connections\/qbo" data-testid="reconnect-qbo">/,
    );
    expect(connections).toContain("Jobs waiting for the reconnect: 2");
    expect(connections).toContain("Needs reconnecting");

    const url = `${stack.urls.ledgerlink}/hubspot/card?${new URLSearchParams({
      userId: "1",
      userEmail: "owner@stack.example",
      associatedObjectId: dealId,
      associatedObjectType: "DEAL",
      portalId: stack.portalId,
    }).toString()}`;
    const headers = signatureHeaders({
      clientSecret: HUBSPOT_APP.clientSecret,
      method: "GET",
      url,
      body: "",
      now: clock.now(),
      legacy: "v2",
    });
    const card = (await (await stack.app.request(url, { headers })).json()) as {
      results: Array<{ objectId: string; title: string; link?: string }>;
    };
    // At once, before check-health opens the incident.
    expect(card.results[0]).toMatchObject({
      title: "Reconnect",
      link: `${stack.urls.ledgerlink}/connections`,
    });

    // With both companies to reconnect, the wizard cannot start: it says why and links to the fix.
    await stack.qboControl("/tokens/revoke", { realmId: us.realmId });
    await stack.qboControl("/tokens/expire", { realmId: us.realmId });
    await stack.clients.qbo(us).request({ method: "GET", path: `/companyinfo/${us.realmId}` });
    expect(await status(us.connectionId)).toBe("needs_reconnect");
    for (const [locale, label] of [
      ["en", "Reconnect"],
      ["ja", "再接続"],
    ] as const) {
      const token = stack.embedToken("deals", dealId, { locale });
      const open = await stack.app.request(`/embed/invoices/new?t=${encodeURIComponent(token)}`);
      const next = open.headers.get("location");
      const page = next ? await stack.app.request(next) : open;
      const html = await page.text();
      expect(html).toMatch(
        new RegExp(
          `<a class="button" href="/connections" target="_blank" rel="noopener" data-testid="reconnect">${label}</a>`,
        ),
      );
    }
    expect(uk.connectionId).not.toBe(us.connectionId);
  });

  it("reconnecting sends the parked jobs again, and they succeed", async () => {
    const { uk } = stack.companies;
    await clearRequests();
    await reconnect(uk.realmId);
    expect(await status(uk.connectionId)).toBe("active");
    expect(await parked()).toEqual([]);
    await stack.drain();
    const paths = (await requests()).map((r) => r.path);
    expect(paths).toContain(`/v3/company/${uk.realmId}/companyinfo/${uk.realmId}`);
    expect(await jobStates("refresh-company-info")).toEqual(["completed"]);
    expect(await jobStates("pull-qbo-changes")).toEqual(["completed"]);
    expect(await parked()).toEqual([]);
  });
});
