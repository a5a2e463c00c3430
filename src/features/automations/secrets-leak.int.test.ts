import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startReceiver } from "../../../test/support/automation-sinks.ts";
import { testSecrets } from "../../../test/support/app.ts";
import { describeEachBackend } from "../../../test/support/db.ts";
import { formPost } from "../../../test/support/session.ts";
import { startStack, type Stack } from "../../../test/support/stack.ts";
import { createApp } from "../../http/app.tsx";
import { ManualClock } from "../../lib/clock.ts";
import { JobQueue } from "../../queue/queue.ts";
import { jobCatalogue, jobHandlers } from "../catalogue.ts";
import { trackInvoices } from "../invoices/track.ts";
import { secretContext } from "./stored.ts";

/* eslint-disable @typescript-eslint/no-explicit-any -- QBO entities and stored settings as JSON */

/**
 * No secret in the clear where people read: a Slack rule and a webhook rule are added through the
 * Automations page, an invoice fires them (one delivery fails), and every log line the web app, the
 * queue and the worker wrote, every firing row, the Activity and Automations pages and the edit page
 * are scanned for the Slack URLs' tokens, the webhook secret and the OAuth tokens.
 */
describeEachBackend("secrets stay out of logs and pages", (db) => {
  const clock = new ManualClock("2026-11-02T17:00:00Z");
  const lines: string[] = [];
  const logger = pino({ level: "trace" }, { write: (line: string) => void lines.push(line) });
  let stack: Stack;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let queue: JobQueue;

  beforeAll(async () => {
    stack = await startStack(db(), clock);
    receiver = await startReceiver();
    await stack.queue.stop();
    const handle = db();
    queue = new JobQueue(handle, jobCatalogue, logger, {
      databaseUrl: handle.kind === "postgres" ? process.env.TEST_DATABASE_URL : undefined,
    });
    await queue.start();
  });
  afterAll(async () => {
    await queue.stop();
    await receiver.close();
    await stack.close();
  });

  it("keeps Slack URLs, the webhook secret and OAuth tokens out of every log line and page", async () => {
    const app = createApp({
      config: { dataDir: "memory://", publicUrl: stack.urls.ledgerlink },
      database: db(),
      logger,
      clock,
      secrets: testSecrets,
      vendors: {},
      clients: stack.clients,
      queue,
    });
    const { cookie, csrf } = stack.user;
    const get = async (path: string) => (await app.request(path, { headers: { cookie } })).text();
    const post = (path: string, fields: Record<string, string>) =>
      app.request(path, formPost(cookie, csrf, fields));
    const slackToken = "slack-token-that-must-not-leak";
    const failingToken = "failing-token-that-must-not-leak";
    const rule = { enabled: "on", event: "created", slackText: "Invoice {{number}}: {{event}}" };
    for (const [name, path] of [
      ["To Slack", `/services/T0LEAK/B0LEAK/${slackToken}`],
      ["To a failing Slack", `/fail/T0LEAK/B0LEAK/${failingToken}`],
    ]) {
      const res = await post("/automations", {
        ...rule,
        name: name!,
        action: "slack",
        slackUrl: receiver.url + path,
      });
      expect(res.status).toBe(303);
    }
    expect(
      (
        await post("/automations", {
          ...rule,
          name: "To a hook",
          action: "webhook",
          webhookUrl: `${receiver.url}/hook`,
        })
      ).status,
    ).toBe(303);
    const rules = await db().db.selectFrom("automationRules").selectAll().orderBy("name").execute();
    const slack = rules.find((r) => r.name === "To Slack")!;
    const hook = rules.find((r) => r.name === "To a hook")!;

    // The edit page shows the URL masked; saving it unchanged keeps the stored URL.
    const edit = await get(`/automations/${slack.ruleId}/edit`);
    const masked = /name="slackUrl" value="([^"]+)"/.exec(edit)?.[1];
    expect(masked).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/services\/T0LE…\/…leak$/);
    expect(edit).not.toContain(slackToken);
    const saved = await post(`/automations/${slack.ruleId}`, {
      ...rule,
      name: "To Slack",
      action: "slack",
      slackUrl: masked!,
    });
    expect(saved.status).toBe(303);
    const after = await db()
      .db.selectFrom("automationRules")
      .selectAll()
      .where("ruleId", "=", slack.ruleId)
      .executeTakeFirstOrThrow();
    expect(after.settings).toEqual(slack.settings);

    // An invoice followed from QuickBooks fires all three rules.
    const q = encodeURIComponent("SELECT * FROM Invoice ORDERBY Id");
    const invoice = (await stack.qboApi(stack.companies.us.realmId, "GET", `/query?query=${q}`)).body
      .QueryResponse.Invoice[0];
    const connection = await db()
      .db.selectFrom("qboConnections")
      .select(["portalId", "connectionId", "realmId", "homeCurrency", "timeZone"])
      .where("connectionId", "=", stack.companies.us.connectionId)
      .executeTakeFirstOrThrow();
    await db()
      .db.transaction()
      .execute((trx) =>
        trackInvoices(trx, queue, {
          connection,
          invoices: [invoice],
          origin: "added",
          links: [],
          now: clock.now(),
        }),
      );
    const automations = { fetch, secrets: testSecrets };
    await queue.drain(
      jobHandlers({ db: db().db, logger, clock, clients: stack.clients, queue, automations }),
    );
    expect(receiver.at(`/services/T0LEAK/B0LEAK/${slackToken}`)).toHaveLength(1);
    expect(receiver.at(`/fail/T0LEAK/B0LEAK/${failingToken}`).length).toBeGreaterThan(0);
    expect(receiver.at("/hook")).toHaveLength(1);

    const webhookSecret = testSecrets.open((hook.settings as any).secret, secretContext(hook.ruleId));
    const connections = await db().db.selectFrom("qboConnections").selectAll().execute();
    const portals = await db().db.selectFrom("portals").selectAll().execute();
    const oauthTokens = [
      ...connections.flatMap((c) =>
        [c.accessToken, c.refreshToken].map((t) => testSecrets.open(t, `qbo:${c.connectionId}`)),
      ),
      ...portals.flatMap((p) =>
        [p.accessToken, p.refreshToken].map((t) => testSecrets.open(t, `hubspot:${p.portalId}`)),
      ),
    ];
    const secrets = [slackToken, failingToken, webhookSecret, ...oauthTokens];
    const firings = await db().db.selectFrom("automationFirings").selectAll().execute();
    expect(firings.map((f) => f.status).sort()).toEqual(["failed", "ok", "ok"]);
    const ledger = await db().db.selectFrom("syncLedger").selectAll().execute();
    const readable = {
      logs: lines.join(""),
      firings: JSON.stringify(firings),
      activityRows: JSON.stringify(ledger),
      activityPage: await get("/activity"),
      automationsPage: await get("/automations"),
    };
    expect(lines.length).toBeGreaterThan(5); // the scan saw real output
    for (const [where, text] of Object.entries(readable))
      for (const secret of secrets) expect(text.includes(secret), `${where} contains a secret`).toBe(false);
    // The edit pages show the webhook's signing secret to its owner (receivers need it), nothing else.
    const editPages = (await Promise.all(rules.map((r) => get(`/automations/${r.ruleId}/edit`)))).join("");
    for (const secret of [slackToken, failingToken, ...oauthTokens])
      expect(editPages.includes(secret), "an edit page contains a secret").toBe(false);
  });
});
