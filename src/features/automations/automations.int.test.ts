import { afterAll, beforeAll, expect, it } from "vitest";
import { anyoneMayChange, testSecrets } from "../../../test/support/app.ts";
import { describeEachBackend } from "../../../test/support/db.ts";
import { formPost, signedInPortal } from "../../../test/support/session.ts";
import { insertFiring } from "./repo.ts";
import { upsertInvoice } from "../invoices/repo/invoices.ts";
import { upsertQboConnection } from "../connections/repo/qbo-connections.ts";
import { ManualClock } from "../../lib/clock.ts";
import { silentLogger } from "../../lib/logger.ts";
import { JobQueue } from "../../queue/queue.ts";
import { deliverAutomation } from "./jobs.ts";
import { jobCatalogue } from "../catalogue.ts";
import { createApp } from "../../http/app.tsx";

type Session = Awaited<ReturnType<typeof signedInPortal>>;

/** The Automations page (W3): rules added, edited, turned off and on, deleted; firings retried. */
describeEachBackend("Automations page (W3)", (db) => {
  const clock = new ManualClock("2026-11-02T09:00:00Z");
  let queue: JobQueue;
  let me: Session;
  let other: Session;
  const apps = (smtpConfigured: boolean) =>
    createApp({
      config: { dataDir: "memory://", publicUrl: "http://localhost:3000" },
      database: db(),
      logger: silentLogger,
      clock,
      secrets: testSecrets,
      changeRights: anyoneMayChange,
      vendors: {},
      queue,
      smtpConfigured,
    });
  let app: ReturnType<typeof apps>;
  const get = (path: string, s: Session = me) => app.request(path, { headers: { cookie: s.cookie } });
  const post = (path: string, fields: Record<string, string>, s: Session = me) =>
    app.request(path, formPost(s.cookie, s.csrf, fields));
  // One frozen clock: every rule has the same createdAt, so tests pick rules by name.
  const rules = () => db().db.selectFrom("automationRules").selectAll().orderBy("name").execute();
  const named = async (prefix: string) => (await rules()).find((r) => r.name.startsWith(prefix))!;
  const slack = {
    name: "Paid to Slack",
    enabled: "on",
    event: "paid",
    action: "slack",
    slackText: "{{number}} paid",
  };

  beforeAll(async () => {
    const handle = db();
    queue = new JobQueue(handle, jobCatalogue, silentLogger, {
      databaseUrl: handle.kind === "postgres" ? process.env.TEST_DATABASE_URL : undefined,
    });
    await queue.start();
    app = apps(true);
    me = await signedInPortal(handle.db, "111", clock.now());
    other = await signedInPortal(handle.db, "222", clock.now());
    const sealed = testSecrets.seal("x", "qbo:conn-1");
    await upsertQboConnection(
      handle.db,
      {
        connectionId: "conn-1",
        portalId: "111",
        realmId: "9130",
        companyName: "Craig's Design",
        country: "US",
        homeCurrency: "USD",
        multiCurrency: false,
        customTxnNumbers: false,
        accessToken: sealed,
        refreshToken: sealed,
        accessExpiresAt: clock.now(),
        refreshExpiresAt: clock.now(),
      },
      clock.now(),
    );
  });
  afterAll(() => queue.stop());

  it("shows an empty page with its nav link, in English and Japanese", async () => {
    const en = await (await get("/automations")).text();
    expect(en).toContain('<a href="/automations" aria-current="page">Automations</a>');
    expect(en).toContain("No rules yet.");
    const ja = await (await get("/automations?lang=ja")).text();
    expect(ja).toContain("ルールはまだありません。");
    await get("/automations?lang=en"); // the choice is saved for the user: back to English
    expect((await app.request("/automations")).status).toBe(302);
  });

  it("adds rules; a webhook rule gets a sealed signing secret shown on its edit page", async () => {
    const form = await (await get("/automations/new")).text();
    expect(form).toContain('<option value="conn-1">Craig&#39;s Design</option>');
    // No HubSpot client here: the pipeline is typed in, and the page says why.
    expect(form).toContain("could not be read from HubSpot (HubSpot is not connected)");
    let res = await post("/automations", {
      ...slack,
      slackUrl: "https://hooks.slack.com/services/T/B/c",
      connectionId: "conn-1",
      amountMin: "100",
    });
    expect(res.status).toBe(303);
    res = await post("/automations", {
      name: "Hook",
      enabled: "on",
      event: "created",
      action: "webhook",
      webhookUrl: "http://127.0.0.1:9/in",
    });
    expect(res.status).toBe(303);
    const html = await (await get("/automations?done=saved")).text();
    expect(html).toContain("The rule was saved.");
    expect(html).toContain("company Craig&#39;s Design, amount 100.00 to ∞");
    const hook = await named("Hook");
    const sealed = (hook.settings as { secret: string }).secret;
    expect(sealed).toMatch(/^v1\./);
    const edit = await (await get(`/automations/${hook.ruleId}/edit`)).text();
    const shown = /<code>(whsec_[\w-]+)<\/code>/.exec(edit)?.[1];
    expect(shown).toBeDefined();
    expect(sealed).not.toContain(shown!);
  });

  it("shows a Slack rule's URL masked: the mask saved unchanged keeps it, a new URL replaces it", async () => {
    const rule = await named("Paid to Slack");
    const sealedBefore = (rule.settings as { sealedUrl: string }).sealedUrl;
    expect(JSON.stringify(rule.settings)).not.toContain("hooks.slack.com");
    const edit = await (await get(`/automations/${rule.ruleId}/edit`)).text();
    expect(edit).toContain('name="slackUrl" value="https://hooks.slack.com/services/…"');
    expect(edit).not.toContain("/services/T/B/c");
    expect(edit).toContain("The saved URL is shown masked");
    const keep = { ...slack, connectionId: "conn-1", amountMin: "100" };
    const saved = await post(`/automations/${rule.ruleId}`, {
      ...keep,
      slackUrl: "https://hooks.slack.com/services/…",
    });
    expect(saved.status).toBe(303);
    expect(((await named("Paid to Slack")).settings as { sealedUrl: string }).sealedUrl).toBe(sealedBefore);
    const fresh = "https://hooks.slack.com/services/T9/B9/replaced-token";
    expect((await post(`/automations/${rule.ruleId}`, { ...keep, slackUrl: fresh })).status).toBe(303);
    const replaced = ((await named("Paid to Slack")).settings as { sealedUrl: string }).sealedUrl;
    expect(testSecrets.open(replaced, `automation:${rule.ruleId}:slack-url`)).toBe(fresh);
  });

  it.each([
    [
      { ...slack, slackUrl: "javascript:alert(1)" },
      "Incoming webhook URL: enter a full http:// or https:// URL",
    ],
    [
      { ...slack, slackUrl: "https://h.example/x", amountMin: "500", amountMax: "20" },
      "Amount up to: the upper amount is below the lower one",
    ],
    [
      { ...slack, slackUrl: "https://h.example/x", amountMin: "1,000" },
      "Amount from: enter an amount such as 1500",
    ],
    [
      { ...slack, slackUrl: "https://h.example/x", connectionId: "conn-of-someone-else" },
      "this QuickBooks company is not connected",
    ],
    [{ ...slack, slackUrl: "https://h.example/x", slackText: "{{numbr}}" }, "unknown placeholder numbr"],
    [
      {
        ...slack,
        action: "email",
        emailTo: "fixed",
        emailAddress: "nobody",
        emailSubject: "s",
        emailBody: "b",
      },
      "Address: enter a valid e-mail address",
    ],
  ])("refuses %o with its reason and changes nothing", async (fields, reason) => {
    const before = await rules();
    const res = await post("/automations", fields);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain(`The rule was not saved.`);
    expect(html.replace(/&#39;/g, "'")).toContain(reason);
    expect(html).toContain(`value="${fields.name}"`); // what was typed stays in the form
    expect(await rules()).toEqual(before);
  });

  it("refuses e-mail actions on a server without SMTP settings, in the user's language", async () => {
    app = apps(false);
    try {
      const fields = { ...slack, action: "email", emailTo: "customer", emailSubject: "s", emailBody: "b" };
      const before = await rules();
      const res = await post("/automations?lang=ja", fields);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("SMTP_URL と SMTP_FROM を設定してください");
      expect(await rules()).toEqual(before);
    } finally {
      await get("/automations?lang=en");
      app = apps(true);
    }
  });

  it("edits a rule, keeps the webhook secret, and refuses a bad edit without changing it", async () => {
    const hook = await named("Hook");
    const path = `/automations/${hook.ruleId}`;
    const bad = await post(path, { name: "Hook", event: "paid", action: "webhook", webhookUrl: "not a url" });
    expect(bad.status).toBe(400);
    expect(await named("Hook")).toEqual(hook);
    const res = await post(path, {
      name: "Hook v2",
      event: "paid",
      action: "webhook",
      webhookUrl: "https://example.com/in",
    });
    expect(res.status).toBe(303);
    const after = await named("Hook v2");
    expect(after).toMatchObject({ name: "Hook v2", event: "paid", enabled: false });
    expect((after.settings as { secret: string }).secret).toBe((hook.settings as { secret: string }).secret);
  });

  it("turns a rule off and on, deletes it, and keeps other portals out", async () => {
    const id = (await named("Paid to Slack")).ruleId;
    await post(`/automations/${id}/toggle`, { enabled: "" });
    expect(await (await get("/automations")).text()).toContain(`data-rule="${id}" data-enabled="false"`);
    await post(`/automations/${id}/toggle`, { enabled: "on" });
    expect((await named("Paid to Slack")).enabled).toBe(true);
    expect((await get(`/automations/${id}/edit`, other)).status).toBe(404);
    expect((await post(`/automations/${id}/delete`, { confirm: "yes" }, other)).status).toBe(404);
    expect(
      (await post(`/automations/${id}`, { ...slack, slackUrl: "https://h.example/x" }, other)).status,
    ).toBe(404);
    expect(await (await get("/automations", other)).text()).not.toContain(id);
    // Without the confirm step's field the rule stays.
    expect((await post(`/automations/${id}/delete`, {})).status).toBe(400);
    expect((await rules()).map((r) => r.ruleId)).toContain(id);
    expect((await post(`/automations/${id}/delete`, { confirm: "yes" })).status).toBe(303);
    expect((await rules()).map((r) => r.ruleId)).not.toContain(id);
  });

  it("lists firings with their result and retries a failed delivery, only a failed one", async () => {
    const hook = await named("Hook");
    await upsertInvoice(
      db().db,
      {
        portalId: "111",
        connectionId: "conn-1",
        realmId: "9130",
        origin: "added",
        state: "paid",
        record: {
          qboInvoiceId: "42",
          docNumber: "1042",
          customerId: "1",
          customerName: "Amy",
          currency: "USD",
          totalAmt: 10,
          balance: 0,
          txnDate: null,
          dueDate: null,
          emailStatus: null,
          printStatus: null,
          deliveredAt: null,
          privateNote: null,
          deleted: false,
          qboUpdatedAt: clock.now(),
        },
      },
      clock.now(),
    );
    const fire = (firingId: string, event: "paid" | "created") =>
      insertFiring(
        db().db,
        { firingId, ruleId: hook.ruleId, portalId: "111", invoiceKey: "conn-1:42", event },
        clock.now(),
      );
    await fire("f-failed", "paid");
    await fire("f-ok", "created");
    await db()
      .db.updateTable("automationFirings")
      .set({ status: "failed", attempts: 6, result: "HTTP 500 boom" })
      .where("firingId", "=", "f-failed")
      .execute();
    await db()
      .db.updateTable("automationFirings")
      .set({ status: "ok", attempts: 1, result: "HTTP 200 ok" })
      .where("firingId", "=", "f-ok")
      .execute();
    const html = await (await get("/automations")).text();
    expect(html).toContain("HTTP 500 boom");
    expect(html).toContain("1042");
    expect(html.match(/action="\/automations\/firings\/[^"]+\/retry"/g)).toEqual([
      'action="/automations/firings/f-failed/retry"',
    ]);
    expect((await post("/automations/firings/f-ok/retry", {})).status).toBe(409);
    expect((await post("/automations/firings/f-failed/retry", {}, other)).status).toBe(404);
    expect((await post("/automations/firings/f-failed/retry", {})).status).toBe(303);
    const row = await db()
      .db.selectFrom("automationFirings")
      .select("status")
      .where("firingId", "=", "f-failed")
      .executeTakeFirst();
    expect(row).toEqual({ status: "pending" });
    expect((await queue.depth()).find((d) => d.name === deliverAutomation.name)?.queued).toBe(1);
    expect((await post("/automations/firings/f-failed/retry", {})).status).toBe(409);
  });
});
