import { createHmac } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startReceiver, startSmtpSink } from "../../../test/support/automation-sinks.ts";
import { testSecrets } from "../../../test/support/app.ts";
import { describeEachBackend } from "../../../test/support/db.ts";
import { startStack, type Stack } from "../../../test/support/stack.ts";
import { smtpMailer } from "../../connectors/smtp.ts";
import { insertRule, type RuleValues } from "./repo.ts";
import { ManualClock } from "../../lib/clock.ts";
import { silentLogger } from "../../lib/logger.ts";
import type { Handlers } from "../../queue/catalogue.ts";
import { JobQueue } from "../../queue/queue.ts";
import { overduePass } from "../invoices/jobs.ts";
import { trackInvoices } from "../invoices/track.ts";
import { jobCatalogue, jobHandlers } from "../catalogue.ts";
import { secretContext, slackUrlContext } from "./stored.ts";
import { deliverAutomation } from "./jobs.ts";

/* eslint-disable @typescript-eslint/no-explicit-any -- QBO entities as the emulator answers them */

/**
 * W3 end to end: invoices followed from the QBO emulator change state through track.ts and the
 * overdue pass; deliveries go to a real SMTP sink and a local HTTP receiver (both on port 0).
 */
describeEachBackend("Invoice automations (W3)", (db) => {
  const START = "2026-11-02T17:00:00Z";
  const clock = new ManualClock(START);
  const SECRET = "whsec_test-secret";
  let stack: Stack;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let mailer: ReturnType<typeof smtpMailer>;
  let queue: JobQueue;
  let handlers: Handlers;
  let dealId: string;
  let seeded: any[];
  const saved: Record<string, any> = {};

  const newQueue = async () => {
    const handle = db();
    queue = new JobQueue(handle, jobCatalogue, silentLogger, {
      databaseUrl: handle.kind === "postgres" ? process.env.TEST_DATABASE_URL : undefined,
    });
    await queue.start();
    const automations = { fetch, secrets: testSecrets, mailer };
    handlers = jobHandlers({
      db: handle.db,
      logger: silentLogger,
      clock,
      clients: stack.clients,
      queue,
      automations,
    });
  };
  const realm = () => stack.companies.us.realmId;
  const readInvoice = async (id: string) =>
    (await stack.qboApi(realm(), "GET", `/invoice/${id}`)).body.Invoice;
  const track = async (invoice: any) => {
    const connection = await db()
      .db.selectFrom("qboConnections")
      .select(["portalId", "connectionId", "realmId", "homeCurrency", "timeZone"])
      .where("connectionId", "=", stack.companies.us.connectionId)
      .executeTakeFirstOrThrow();
    const links = [{ objectType: "deals" as const, objectId: dealId }];
    await db()
      .db.transaction()
      .execute((trx) =>
        trackInvoices(trx, queue, {
          connection,
          invoices: [invoice],
          origin: "added",
          links,
          now: clock.now(),
        }),
      );
  };
  // A Slack rule's URL is stored sealed (stored.ts), as the Automations page saves it.
  const sealed = (ruleId: string, settings: any) =>
    settings.action === "slack"
      ? {
          action: "slack",
          text: settings.text,
          sealedUrl: testSecrets.seal(settings.url, slackUrlContext(ruleId)),
        }
      : settings;
  const rule = (ruleId: string, v: Partial<RuleValues> & Pick<RuleValues, "event" | "settings">) =>
    insertRule(
      db().db,
      stack.portalId,
      ruleId,
      {
        name: ruleId,
        enabled: true,
        action: (v.settings as { action: RuleValues["action"] }).action,
        connectionId: null,
        pipelineId: null,
        amountMin: null,
        amountMax: null,
        ...v,
        settings: sealed(ruleId, v.settings),
      },
      clock.now(),
    );
  const firings = () =>
    db().db.selectFrom("automationFirings").selectAll().orderBy("firedAt").orderBy("ruleId").execute();
  const firing = async (ruleId: string) => (await firings()).filter((f) => f.ruleId === ruleId);

  beforeAll(async () => {
    stack = await startStack(db(), clock);
    receiver = await startReceiver();
    smtp = await startSmtpSink();
    mailer = smtpMailer({ url: smtp.url, from: "billing@ledgerlink.test" });
    await stack.queue.stop();
    await newQueue();
    dealId = (await stack.hs("GET", "/crm/v3/objects/deals?limit=1")).body.results[0].id;
    const q = encodeURIComponent("SELECT * FROM Invoice ORDERBY Id");
    seeded = (await stack.qboApi(realm(), "GET", `/query?query=${q}`)).body.QueryResponse.Invoice;
    const us = stack.companies.us.connectionId;
    const webhook = { action: "webhook", url: `${receiver.url}/hook`, secret: "" };
    await rule("created-hook", { event: "created", connectionId: us, settings: webhook });
    await rule("created-small", {
      event: "created",
      amountMax: "1.00",
      settings: { ...webhook, url: `${receiver.url}/small` },
    });
    const slack = (path: string) => ({
      action: "slack",
      url: `${receiver.url}${path}`,
      text: "Invoice {{number}} for {{customer}}: {{event}}",
    });
    await rule("sent-slack", { event: "sent", pipelineId: "default", settings: slack("/slack") });
    await rule("sent-other-pipeline", { event: "sent", pipelineId: "nope", settings: slack("/other") });
    const mail = (to: "customer" | "fixed", subject: string) => ({
      action: "email",
      to,
      address: to === "fixed" ? "ar@example.com" : null,
      subject,
      body: "{{customer}} owes {{balance}} {{currency}} on {{number}}.",
    });
    await rule("paid-mail", { event: "paid", settings: mail("fixed", "Paid: {{number}}") });
    await rule("paid-uk-only", {
      event: "paid",
      connectionId: stack.companies.uk.connectionId,
      settings: slack("/uk"),
    });
    await rule("overdue-mail", {
      event: "overdue",
      settings: mail("customer", "Invoice {{number}} is overdue"),
    });
    // The secret is sealed to its rule, as the Automations page stores it.
    await db()
      .db.updateTable("automationRules")
      .set({
        settings: JSON.stringify({
          ...webhook,
          secret: testSecrets.seal(SECRET, secretContext("created-hook")),
        }),
      })
      .where("ruleId", "=", "created-hook")
      .execute();
    await db()
      .db.updateTable("automationRules")
      .set({
        settings: JSON.stringify({
          ...webhook,
          url: `${receiver.url}/small`,
          secret: testSecrets.seal(SECRET, secretContext("created-small")),
        }),
      })
      .where("ruleId", "=", "created-small")
      .execute();
  });
  afterAll(async () => {
    await queue.stop();
    await stack.close();
    mailer.close();
    await receiver.close();
    await smtp.close();
  });

  it("fires 'created' once at the first sighting, as a signed webhook, within the rule's filters", async () => {
    const amy = seeded[0];
    saved.created = amy;
    await track(amy);
    await track(amy); // the same facts again: no transition
    await queue.drain(handlers);
    const calls = receiver.at("/hook");
    expect(calls).toHaveLength(1);
    const [call] = calls;
    const [, t, mac] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(call!.headers["x-ledgerlink-signature"]!)!;
    expect(mac).toBe(createHmac("sha256", SECRET).update(`${t}.${call!.body}`).digest("hex"));
    expect(Number(t)).toBe(Math.floor(clock.now().getTime() / 1000));
    const body = JSON.parse(call!.body);
    expect(body).toMatchObject({
      event: "created",
      invoice: { id: amy.Id, number: amy.DocNumber, status: "awaiting_send" },
    });
    expect(call!.headers["x-ledgerlink-delivery"]).toBe(body.id);
    expect(receiver.at("/small")).toEqual([]); // amount filter: up to 1.00
    expect((await firing("created-hook")).map((f) => [f.status, f.attempts])).toEqual([["ok", 1]]);
  });

  it("survives a worker restart between firing and delivery, and checks the deal's pipeline in HubSpot", async () => {
    const amy = seeded[0];
    await stack.qboApi(realm(), "POST", `/invoice/${amy.Id}/send`);
    saved.sent = await readInvoice(amy.Id);
    await track(saved.sent);
    expect((await firings()).filter((f) => f.status === "pending")).toHaveLength(2);
    await queue.stop(); // the worker goes away before delivering
    await newQueue();
    await queue.drain(handlers);
    const posts = receiver.at("/slack");
    expect(posts).toHaveLength(1);
    expect(JSON.parse(posts[0]!.body)).toEqual({
      text: `Invoice ${amy.DocNumber} for Amy's Bird Sanctuary: sent`,
    });
    expect(receiver.at("/other")).toEqual([]);
    const [skipped] = await firing("sent-other-pipeline");
    expect(skipped).toMatchObject({ status: "skipped" });
    expect(skipped!.result).toContain(`deal ${dealId} is in pipeline default, not nope`);
  });

  it("e-mails a paid invoice to the fixed address, with its number, through the SMTP sink", async () => {
    const amy = saved.sent;
    await stack.qboApi(realm(), "POST", "/payment", {
      CustomerRef: { value: amy.CustomerRef.value },
      TotalAmt: amy.Balance,
      Line: [{ Amount: amy.Balance, LinkedTxn: [{ TxnId: amy.Id, TxnType: "Invoice" }] }],
    });
    saved.paid = await readInvoice(amy.Id);
    expect(saved.paid.Balance).toBe(0);
    await track(saved.paid);
    await queue.drain(handlers);
    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail!.to).toEqual(["ar@example.com"]);
    expect(mail!.from).toBe("billing@ledgerlink.test");
    expect(mail!.raw).toContain(`Subject: Paid: ${amy.DocNumber}`);
    expect(mail!.raw).toContain(`Amy's Bird Sanctuary owes 0.00 USD on ${amy.DocNumber}.`);
    expect(receiver.at("/uk")).toEqual([]); // a rule limited to the UK company
    expect((await firing("paid-mail"))[0]).toMatchObject({ status: "ok", attempts: 1 });
  });

  it("e-mails the customer's billing address when the overdue pass finds an invoice overdue", async () => {
    const bill = seeded[1];
    await track(bill);
    clock.advance(40 * 86_400_000);
    await db()
      .db.transaction()
      .execute((trx) => queue.enqueue(trx, overduePass, { portalId: stack.portalId }));
    await queue.drain(handlers);
    const mail = smtp.mails.find((m) => m.raw.includes(`Subject: Invoice ${bill.DocNumber} is overdue`));
    expect(mail?.to).toEqual([bill.BillEmail.Address]);
    expect(smtp.mails).toHaveLength(2);
  });

  it("fires nothing twice when the same transitions run again after another restart", async () => {
    const before = {
      posts: receiver.received.length,
      mails: smtp.mails.length,
      firings: (await firings()).length,
    };
    await queue.stop();
    await newQueue();
    // Back to where each invoice started, then through the same changes again.
    const key = (id: string) => `${stack.companies.us.connectionId}:${id}`;
    await db()
      .db.updateTable("invoices")
      .set({ state: "awaiting_send", qboUpdatedAt: new Date(0) })
      .where("invoiceKey", "=", key(saved.created.Id))
      .execute();
    const later = clock.now();
    clock.set(START); // as on the day they first happened (later, the sent invoice is overdue)
    await track(saved.sent);
    await track(saved.paid);
    clock.set(later);
    await db()
      .db.updateTable("invoices")
      .set({ state: "sent" })
      .where("invoiceKey", "=", key(seeded[1].Id))
      .execute();
    await db()
      .db.transaction()
      .execute((trx) => queue.enqueue(trx, overduePass, { portalId: stack.portalId }));
    const states = await db().db.selectFrom("invoices").select(["invoiceKey", "state"]).execute();
    expect(Object.fromEntries(states.map((s) => [s.invoiceKey, s.state]))).toMatchObject({
      [key(saved.created.Id)]: "paid",
    });
    await queue.drain(handlers);
    expect(
      await db()
        .db.selectFrom("invoices")
        .select("state")
        .where("invoiceKey", "=", key(seeded[1].Id))
        .executeTakeFirst(),
    ).toEqual({ state: "overdue" });
    expect({
      posts: receiver.received.length,
      mails: smtp.mails.length,
      firings: (await firings()).length,
    }).toEqual(before);
    expect((await queue.depth()).find((d) => d.name === deliverAutomation.name)?.queued).toBe(0);
  });

  it("records a failed delivery with the receiver's answer and leaves it to the queue's retries", async () => {
    await rule("created-failing", {
      event: "created",
      settings: { action: "slack", url: `${receiver.url}/fail`, text: "{{number}}" },
    });
    const cool = seeded[2];
    await track(cool);
    await queue.drain(handlers);
    expect(receiver.at("/fail")).toHaveLength(1);
    const [failed] = await firing("created-failing");
    expect(failed).toMatchObject({ status: "failed", attempts: 1, result: "HTTP 500 boom" });
  });
});
