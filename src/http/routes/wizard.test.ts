import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/support/db.ts";
import { startStack, type Stack } from "../../../test/support/stack.ts";
import { ManualClock } from "../../lib/clock.ts";
import { pushInvoice } from "../../sync/invoices/job-defs.ts";

/** The wizard's steps over HTTP (I1–I7, I9, I10), on both emulators. */
describeEachBackend("create-invoice wizard (I1–I7, I9, I10)", (db) => {
  const clock = new ManualClock("2026-11-02T17:00:00Z");
  let stack: Stack;
  const deals: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startStack(db(), clock);
    const res = await stack.hs("GET", "/crm/v3/objects/deals?limit=100&properties=dealname");
    for (const d of res.body.results) deals[d.properties.dealname] = d.id;
  });
  afterAll(() => stack.close());

  const wizard = (dealId: string, hubspotUserId = "1", locale: "en" | "ja" = "en") => {
    const token = stack.embedToken("deals", dealId, { hubspotUserId, locale });
    const get = async (path = "") =>
      stack.app.request(
        `/embed/invoices/new${path}${path.includes("?") ? "&" : "?"}t=${encodeURIComponent(token)}`,
      );
    const post = async (step: string, fields: Record<string, string> | Array<[string, string]>) =>
      stack.app.request(`/embed/invoices/new/${step}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams([
          ["t", token],
          ...(Array.isArray(fields) ? fields : Object.entries(fields)),
        ]).toString(),
      });
    return { token, get, post };
  };
  const draft = (dealId: string, user = "1") =>
    db()
      .db.selectFrom("invoiceDrafts")
      .selectAll()
      .where("dealId", "=", dealId)
      .where("hubspotUserId", "=", user)
      .where("closedAt", "is", null)
      .executeTakeFirstOrThrow();

  it("walks from a published quote to one queued invoice, whatever the double clicks (I1–I4, I6, I7, I10)", async () => {
    const deal = deals["Acme – annual licence renewal"]!;
    const w = wizard(deal);
    const open = await w.get();
    expect(open.status).toBe(303);
    expect(open.headers.get("location")).toContain("/embed/invoices/new/company");
    const company = await (await w.get("/company")).text();
    expect(company).toContain("Thames Garden Studio Ltd");
    expect(
      (await w.post("company", { connectionId: stack.companies.us.connectionId, action: "next" })).status,
    ).toBe(303);

    const source = await (await w.get("/source")).text();
    expect(source).toContain("Acme licence renewal 2026");
    const quoteId = /value="quote:(\d+)"/.exec(source)![1]!;
    expect((await w.post("source", { source: `quote:${quoteId}`, action: "next" })).status).toBe(303);

    const customer = await (await w.get("/customer")).text();
    expect(customer).toContain("Jane Doe");
    expect(
      (
        await w.post("customer", {
          customer: "new",
          new_displayName: "Acme Corporation",
          new_email: "jane.doe@acme.example.com",
          action: "next",
        })
      ).status,
    ).toBe(303);

    const products = await (await w.get("/products")).text();
    expect(products).toContain("Annual licence");
    expect(products).not.toContain('data-unmapped="true"');
    const next = await w.post("products", { action: "next" });
    expect(next.status, (await next.clone().text()).match(/role="alert">[^<]*<p>([^<]*)/)?.[1]).toBe(303);

    const net30 = /<option value="(\d+)">Net 30<\/option>/.exec(await (await w.get("/details")).text())?.[1];
    expect(net30).toBeDefined();
    const details = await w.post("details", {
      termId: net30!,
      invoiceDate: "2026-11-02",
      dueDate: "2026-11-02",
      shownDueDate: "2026-11-02",
      message: "Thanks!",
      action: "next",
    });
    expect(details.status).toBe(303);
    expect((await draft(deal)).data).toMatchObject({ dueDate: "2026-12-02", dueDateEdited: false });

    const review = await (await w.get("/review")).text();
    expect(review).toContain("Acme Corporation (new QuickBooks customer)");
    await Promise.all([w.post("review", { action: "next" }), w.post("review", { action: "next" })]);
    expect((await draft(deal)).status).toBe("submitting");
    const depth = await stack.queue.depth();
    expect(depth.filter((d) => d.name === pushInvoice.name).reduce((n, d) => n + d.queued, 0)).toBe(1);
    await stack.drain();
    expect((await draft(deal)).status).toBe("created");
    const done = await (await w.get()).text();
    expect(done).toContain("awaiting send");
  });

  it("lists draft and expired quotes as unusable, with why, and refuses them (I2)", async () => {
    const deal = deals["Umbrella – pilot"]!;
    const w = wizard(deal);
    await w.post("company", { connectionId: stack.companies.us.connectionId, action: "next" });
    const source = await (await w.get("/source")).text();
    expect(source).toContain("expired on");
    const quoteId = /value="quote:(\d+)" disabled/.exec(source)![1]!;
    const refused = await w.post("source", { source: `quote:${quoteId}`, action: "next" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Choose a quote that can be used");
    expect((await draft(deal)).step).toBe("source");
  });

  it("keeps a UK invoice on the products step until every line has a tax code (I5)", async () => {
    const deal = deals["Globex – training"]!;
    const w = wizard(deal);
    await w.post("company", { connectionId: stack.companies.uk.connectionId, action: "next" });
    await w.post("source", { source: "scratch", action: "next" });
    const customers = await (await w.get("/customer")).text();
    const someone = /<option value="(\d+)"/.exec(customers)![1]!;
    await w.post("customer", { customer: someone, action: "next" });
    const page = await (await w.get("/products")).text();
    const item = /name="add_item"[^>]*>\s*<option value="(\d+)"/.exec(page)![1]!;
    await w.post("products", { add_item: item, add_qty: "2", add_price: "10", action: "add" });
    const refused = await w.post("products", { action: "next" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("tax code for every line");
    const withTax = await (await w.get("/products?showTax=1")).text();
    const key = /name="tax_(\w+)"/.exec(withTax)![1]!;
    const code = /name="tax_\w+"[^>]*>\s*<option value="">[^<]*<\/option>\s*<option value="(\d+)"/.exec(
      withTax,
    )![1]!;
    expect((await w.post("products", { [`tax_${key}`]: code, action: "next" })).status).toBe(303);
    expect((await draft(deal)).step).toBe("details");
  });

  it("refuses bad quantities without saving them, and Previous keeps what was entered (I7)", async () => {
    const deal = deals["Globex – training"]!;
    const w = wizard(deal);
    const before = await draft(deal);
    const line = (before.data as { lines: Array<{ key: string; quantity: number }> }).lines[0]!;
    const bad = await w.post("products", { [`qty_${line.key}`]: "-3", action: "next" });
    expect(bad.status).toBe(400);
    expect((await draft(deal)).data).toEqual(before.data);
    await w.post("products", { [`qty_${line.key}`]: "7", action: "previous" });
    const after = await draft(deal);
    expect(after.step).toBe("customer");
    expect((after.data as { lines: Array<{ quantity: number }> }).lines[0]!.quantity).toBe(7);
  });

  it("speaks Japanese when the card did, and keeps each user's draft to themselves", async () => {
    const deal = deals["Initech – consulting"]!;
    const ja = wizard(deal, "1", "ja");
    await ja.post("company", { connectionId: stack.companies.us.connectionId, action: "next" });
    const source = await (await ja.get("/source")).text();
    expect(source).toContain("見積もりから作成");
    expect(source).toContain("ゼロから作成");
    const other = wizard(deal, "2");
    expect((await other.get()).headers.get("location")).toContain("/company");
    expect((await draft(deal, "2")).draftId).not.toBe((await draft(deal, "1")).draftId);
  });

  it("refuses before the first step when custom transaction numbers are on, saying how to turn them off (I9)", async () => {
    const realm = stack.companies.us.realmId;
    const prefs = (await stack.qboApi(realm, "GET", "/preferences")).body.Preferences;
    await stack.qboApi(realm, "POST", "/preferences", {
      Id: prefs.Id,
      SyncToken: prefs.SyncToken,
      sparse: true,
      SalesFormsPrefs: { CustomTxnNumbers: true },
    });
    const deal = deals["Acme – onboarding"]!;
    const w = wizard(deal);
    await w.post("company", { connectionId: stack.companies.us.connectionId, action: "next" });
    const refused = await w.get("/source");
    expect(refused.status).toBe(409);
    const text = await refused.text();
    expect(text).toContain("Custom transaction numbers are turned on");
    expect(text).toContain("Account and settings");
    const again = (await stack.qboApi(realm, "GET", "/preferences")).body.Preferences;
    await stack.qboApi(realm, "POST", "/preferences", {
      Id: again.Id,
      SyncToken: again.SyncToken,
      sparse: true,
      SalesFormsPrefs: { CustomTxnNumbers: false },
    });
  });

  it("shows a QuickBooks refusal on the review step in plain words, the draft kept (I10)", async () => {
    const deal = deals["Globex – training"]!;
    const w = wizard(deal);
    const row = await draft(deal);
    await db()
      .db.updateTable("invoiceDrafts")
      .set({
        step: "review",
        error: JSON.stringify({ code: "closed_period", detail: "Account Period Closed" }),
      })
      .where("draftId", "=", row.draftId)
      .execute();
    const review = await (await w.get("/review")).text();
    expect(review).toContain("closed accounting period");
    expect(review).toContain("QuickBooks said: Account Period Closed");
  });
});
