import { afterAll, beforeAll, expect, it } from "vitest";
import type { Hono } from "hono";
import { testSecrets } from "../../test/support/app.ts";
import { describeEachBackend } from "../../test/support/db.ts";
import { STACK_VERIFIER, startStack, type Stack } from "../../test/support/stack.ts";
import { createHmac } from "node:crypto";
import { pushInvoice } from "../features/invoices/jobs.ts";
import { ManualClock } from "../lib/clock.ts";
import { silentLogger } from "../lib/logger.ts";
import { createApp } from "./app.tsx";
import type { AppEnv } from "./context.ts";

const TOKEN = "metrics-token-0123456789abcdef";

/** The value of one sample in a scrape: the sum of the lines of `name` whose labels include `labels`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split("\n")) {
    const m = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const has = Object.entries(labels).every(([k, v]) => (m[2] ?? "").includes(`${k}="${v}"`));
    if (has) sum += Number(m[3]);
  }
  return sum;
}

/** `/metrics` (ADR 0028): refused without its token, and its counters move when an invoice is pushed. */
describeEachBackend("/metrics", (db) => {
  const clock = new ManualClock("2026-11-02T17:00:00Z");
  let stack: Stack;
  let app: Hono<AppEnv>;

  beforeAll(async () => {
    stack = await startStack(db(), clock);
    app = createApp({
      config: { dataDir: "memory://", publicUrl: stack.urls.ledgerlink },
      database: db(),
      logger: silentLogger,
      clock,
      secrets: testSecrets,
      vendors: {},
      clients: stack.clients,
      queue: stack.queue,
      intuitVerifierToken: STACK_VERIFIER,
      metricsToken: TOKEN,
    });
  });
  afterAll(() => stack.close());

  const scrape = async () => {
    const res = await app.request("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    return res.text();
  };

  it("is 404 without METRICS_TOKEN, and 401 without the token or with a wrong one", async () => {
    expect(
      (await stack.app.request("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } })).status,
    ).toBe(404);
    const bare = await app.request("/metrics");
    expect(bare.status).toBe(401);
    expect(bare.headers.get("www-authenticate")).toContain("Bearer");
    expect(await bare.text()).not.toContain("ledgerlink_");
    for (const authorization of [
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(1)}`,
      `Basic ${TOKEN}`,
      "Bearer ",
    ]) {
      expect((await app.request("/metrics", { headers: { authorization } })).status).toBe(401);
    }
  });

  it("counts the vendor calls and the completed job of an invoice push, and reads the queue and connections", async () => {
    const us = stack.companies.us;
    const q = (s: string) => `/query?query=${encodeURIComponent(s)}`;
    const customerId = (await stack.qboApi(us.realmId, "GET", q("SELECT * FROM Customer"))).body.QueryResponse
      .Customer[0].Id;
    const itemId = (await stack.qboApi(us.realmId, "GET", q("SELECT * FROM Item WHERE Name = 'Design'"))).body
      .QueryResponse.Item[0].Id;
    const dealId = (await stack.hs("GET", "/crm/v3/objects/deals?limit=1")).body.results[0].id;

    const before = await scrape();
    const now = clock.now();
    await db()
      .db.insertInto("invoiceDrafts")
      .values({
        draftId: "draft-metrics",
        portalId: stack.portalId,
        dealId,
        hubspotUserId: "u1",
        status: "submitting",
        step: "review",
        data: JSON.stringify({
          connectionId: us.connectionId,
          source: { kind: "scratch" },
          customer: { kind: "existing", id: customerId, displayName: "Customer" },
          lines: [
            { key: "1", itemId, itemName: "Design", quantity: 1, unitPrice: 100, description: "Design" },
          ],
          invoiceDate: "2026-11-02",
          dueDate: "2026-11-20",
          dueDateEdited: true,
          message: "metrics",
        }),
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await db()
      .db.transaction()
      .execute((trx) => stack.queue.enqueue(trx, pushInvoice, { draftId: "draft-metrics" }));
    await stack.drain();
    const after = await scrape();

    const moved = (name: string, labels: Record<string, string>) =>
      sample(after, name, labels) - sample(before, name, labels);
    expect(
      moved("ledgerlink_vendor_calls_total", { vendor: "qbo", route: "POST /invoice", status: "200" }),
    ).toBe(1);
    expect(moved("ledgerlink_vendor_calls_total", { vendor: "hubspot" })).toBeGreaterThan(0);
    expect(
      moved("ledgerlink_job_duration_seconds_count", { kind: "push-invoice", outcome: "completed" }),
    ).toBe(1);
    // Routes are templates: no raw record id ever becomes a label.
    expect(after).not.toContain(`/${dealId}`);
    expect(after).not.toMatch(/route="[^"]*\/\d+[/"?]/);
    // The scrape-time gauges, from the database.
    expect(
      sample(after, "ledgerlink_jobs", { kind: "push-invoice", state: "completed" }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(after, "ledgerlink_connections", { vendor: "qbo", state: "active" })).toBe(2);
    expect(sample(after, "ledgerlink_connections", { vendor: "hubspot", state: "active" })).toBe(1);
    expect(after).toContain('ledgerlink_open_incidents{kind="needs_reconnect"} 0');
  });

  it("shows a waiting webhook's age, then its webhook-to-job lag once a job processed it", async () => {
    const realmId = stack.companies.us.realmId;
    const body = JSON.stringify({
      eventNotifications: [
        {
          realmId,
          dataChangeEvent: {
            entities: [
              { name: "Invoice", id: "1", operation: "Update", lastUpdated: clock.now().toISOString() },
            ],
          },
        },
      ],
    });
    const signature = createHmac("sha256", STACK_VERIFIER).update(body).digest("base64");
    const lag = (text: string) =>
      sample(text, "ledgerlink_webhook_to_job_lag_seconds_count", { vendor: "qbo" });
    const before = await scrape();
    const res = await app.request("/webhooks/qbo", {
      method: "POST",
      body,
      headers: { "intuit-signature": signature, "content-type": "application/json" },
    });
    expect(res.status).toBe(200);
    clock.advance(30_000);
    const waiting = await scrape();
    expect(
      sample(waiting, "ledgerlink_oldest_unprocessed_change_age_seconds", {
        vendor: "qbo",
        account: realmId,
      }),
    ).toBe(30);
    while ((await stack.drain()) > 0);
    const after = await scrape();
    expect(lag(after) - lag(before)).toBe(1);
    expect(after).not.toContain(`account="${realmId}"`);
  });
});
