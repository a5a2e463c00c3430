import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../../test/support/db.ts";
import { startStack, type Stack } from "../../../../test/support/stack.ts";
import { ManualClock } from "../../../lib/clock.ts";
import { pushInvoice } from "../jobs.ts";
import { wizardDriver } from "../../../../test/support/wizard-driver.ts";

type Fields = Record<string, string>;

/** The wizard's steps over HTTP (I1–I7, I9, I10), on both emulators; each test its own deal or user. */
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

  const { wizard, goesTo, alert, data, toDetails } = wizardDriver(() => stack, db, deals);

  it("I1–I4, I6, I7, I10: from the published quote on the US company to one queued push-invoice, whatever the double clicks", async () => {
    const w = wizard("Acme – annual licence renewal");
    const open = await w.open();
    expect(open.status).toBe(303);
    expect(open.headers.get("location")).toContain("/embed/invoices/new/company?");
    expect(w.draftId()).toMatch(/^[0-9a-f-]{36}$/);
    const company = await w.page("company");
    expect(company).toContain("Thames Garden Studio Ltd");
    expect(company).toContain('name="connectionId"');
    goesTo(
      await w.post("company", { connectionId: stack.companies.us.connectionId, action: "next" }),
      "source",
    );

    const source = await w.page("source");
    expect(source).toContain("Acme licence renewal 2026");
    const quoteId = /value="quote:(\d+)"(?! disabled)/.exec(source)![1]!;
    goesTo(await w.post("source", { source: `quote:${quoteId}`, action: "next" }), "customer");

    const customer = await w.page("customer");
    expect(customer).toContain("From HubSpot: Jane Doe");
    // No QuickBooks customer matches Jane: the one choice starts on a new customer.
    expect(customer).toMatch(/value="new" id="kind-new" checked=""/);
    expect(customer).not.toContain('<option value="new"');
    expect(customer).toContain('name="new_displayName" id="new_displayName" value="Jane Doe"');
    expect(customer).toContain('value="jane.doe@acme.example.com"');
    goesTo(
      await w.post("customer", {
        kind: "new",
        new_displayName: "Jane Doe",
        new_email: "jane.doe@acme.example.com",
        new_companyName: "Acme Corporation",
        action: "next",
      }),
      "products",
    );

    const products = await w.page("products");
    expect(products).toContain("Annual licence");
    expect(products).toContain("Support plan (monthly)");
    expect(products).not.toContain("data-unmapped");
    expect(products).not.toContain("Show product tax codes");
    goesTo(await w.post("products", { action: "next" }), "details");

    const details = await w.page("details");
    expect(details).toContain('name="invoiceDate" id="invoiceDate" value="2026-11-02"');
    const net30 = /<option value="(\d+)">Net 30<\/option>/.exec(details)![1]!;
    goesTo(
      await w.post("details", {
        termId: net30,
        invoiceDate: "2026-11-02",
        dueDate: "2026-11-02",
        shownDueDate: "2026-11-02",
        message: "Thanks for renewing!",
        action: "next",
      }),
      "review",
    );
    expect(await data(w)).toMatchObject({ dueDate: "2026-12-02", dueDateEdited: false, termName: "Net 30" });

    const review = await w.page("review");
    expect(review).toContain("Jane Doe (new QuickBooks customer)");
    expect(review).toContain("Thanks for renewing!");
    expect(review).toMatch(
      /<button type="submit" name="action" value="next" class="primary">Create invoice<\/button>/,
    );
    const clicks = await Promise.all([
      w.post("review", { action: "next" }),
      w.post("review", { action: "next" }),
    ]);
    for (const res of clicks)
      expect(res.headers.get("location")).toMatch(/\/embed\/invoices\/new\?t=.*draft=/);
    await w.post("review", { action: "next" });
    expect((await w.row()).status).toBe("submitting");
    const depth = await stack.queue.depth();
    expect(depth.filter((d) => d.name === pushInvoice.name).reduce((n, d) => n + d.queued, 0)).toBe(1);
    expect(await w.page()).toMatch(/<meta http-equiv="refresh" content="1; url=\/embed\/invoices\/new\?t=/);
    // A submitted draft is frozen: a stale tab's step form only leads back to the progress page.
    const stale = await w.post("details", { action: "next", message: "changed" });
    expect(stale.headers.get("location")).toMatch(/\/embed\/invoices\/new\?t=/);
    expect((await data(w)).message).toBe("Thanks for renewing!");

    await stack.drain();
    expect((await w.row()).status).toBe("created");
    const done = await w.page();
    expect(done).toMatch(/Invoice \d+ created in QuickBooks/);
    expect(done).toContain("It has not been sent to the customer.");
    expect(done).toContain("Status on the deal: Awaiting send");
    expect(done).toContain("data-hubspot-done");
    expect(done).toContain("Create another invoice");
    const first = w.draftId();
    const restart = await w.post("restart", {});
    expect(restart.headers.get("location")).toBe(`/embed/invoices/new?t=${encodeURIComponent(w.token)}`);
    await w.open();
    expect(w.draftId()).not.toBe(first);
    expect((await w.row()).status).toBe("editing");
  });

  it("I2: lists the draft and the expired quote as unusable, with why, and refuses them", async () => {
    const expired = wizard("Umbrella – pilot");
    await expired.open();
    await expired.post("company", { connectionId: stack.companies.us.connectionId, action: "next" });
    const source = await expired.page("source");
    expect(source).toContain("Umbrella pilot offer");
    expect(source).toContain("Expired on 2026-10-23");
    const quoteId = /value="quote:(\d+)" disabled/.exec(source)![1]!;
    const refused = await expired.post("source", { source: `quote:${quoteId}`, action: "next" });
    expect(refused.status).toBe(400);
    expect(alert(await refused.text())).toContain("Choose a quote that can be used");
    expect((await expired.row()).step).toBe("source");
    expect((await data(expired)).source).toBeUndefined();

    const draft = wizard("Globex – licence expansion");
    await draft.open();
    await draft.post("company", { connectionId: stack.companies.us.connectionId, action: "next" });
    const page = await draft.page("source");
    expect(page).toContain("Draft – not published");
    expect(page).toMatch(/value="quote:\d+" disabled/);
    expect(page).toContain("Only quotes that are published and not expired can be used.");
  });

  it("I5: keeps a UK invoice on the products step until every line has a tax code", async () => {
    const w = wizard("Globex – training");
    await w.open();
    await w.post("company", { connectionId: stack.companies.uk.connectionId, action: "next" });
    await w.post("source", { source: "scratch", action: "next" });
    goesTo(
      await w.post("customer", { kind: "new", action: "next", new_displayName: "Yui Suzuki" }),
      "products",
    );
    const page = await w.page("products");
    expect(page).toContain("Show product tax codes");
    const item = /name="add_item"[^>]*>\s*<option value="(\d+)"/.exec(page)![1]!;
    goesTo(
      await w.post("products", { add_item: item, add_qty: "2", add_price: "10", action: "add" }),
      "products",
    );
    const refused = await w.post("products", { action: "next" });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(alert(html)).toContain("Choose a tax code for every line");
    expect(html).toContain('name="tax_l1"');
    expect((await w.row()).step).toBe("products");
    // The seed's "Show product tax codes" opens the same list of the company's codes.
    goesTo(await w.post("products", { action: "showTax" }), "products");
    const shown = await w.page("products", { showTax: "1" });
    const code = /name="tax_l1"[^>]*>\s*<option value="">[^<]*<\/option>\s*<option value="(\d+)"/.exec(
      shown,
    )![1]!;
    expect((await w.post("products", { tax_l1: "not-a-code", action: "next" })).status).toBe(400);
    goesTo(await w.post("products", { tax_l1: code, action: "next" }), "details");
    expect(await data(w)).toMatchObject({ lines: [{ taxCodeId: code, quantity: 2, unitPrice: 10 }] });
  });

  it("I4: refuses bad quantities and rates with the line named, and saves nothing", async () => {
    const w = wizard("Globex – training");
    await w.open();
    const before = await w.row();
    const attempts: Fields[] = [
      { qty_l1: "-3" },
      { qty_l1: "0" },
      { qty_l1: "two" },
      { price_l1: "-1" },
      { price_l1: "1e3" },
    ];
    for (const fields of attempts) {
      const bad = await w.post("products", { ...fields, action: "next" });
      expect(bad.status).toBe(400);
      expect(alert(await bad.text())).toContain("Line 1: the quantity must be a number above 0");
      const after = await w.row();
      expect(after.data).toEqual(before.data);
      expect(after.step).toBe(before.step);
    }
  });

  it("I7: Previous goes back and keeps everything entered", async () => {
    const w = wizard("Globex – training");
    await w.open();
    goesTo(await w.post("products", { qty_l1: "7", action: "previous" }), "customer");
    expect(await data(w)).toMatchObject({
      lines: [{ quantity: 7 }],
      customer: { displayName: "Yui Suzuki" },
    });
    expect(await w.page("customer")).toContain('value="Yui Suzuki"');
    goesTo(
      await w.post("customer", { action: "next", kind: "new", new_displayName: "Yui Suzuki" }),
      "products",
    );
    expect(await w.page("products")).toContain('name="qty_l1" id="qty_l1" value="7"');
    goesTo(await w.post("products", { action: "next" }), "details");
    const net15 = /<option value="(\d+)">Net 15<\/option>/.exec(await w.page("details"))![1]!;
    goesTo(
      await w.post("details", {
        termId: net15,
        invoiceDate: "2026-11-03",
        dueDate: "",
        message: "Danke",
        action: "next",
      }),
      "review",
    );
    goesTo(await w.post("review", { action: "previous" }), "details");
    const details = await w.page("details");
    expect(details).toMatch(new RegExp(`<option value="${net15}" selected="">Net 15</option>`));
    expect(details).toContain('value="2026-11-03"');
    expect(details).toContain('value="2026-11-18"');
    expect(details).toContain(">Danke</textarea>");
    goesTo(await w.post("details", { action: "previous", termId: net15, message: "Danke" }), "products");
    expect(await data(w)).toMatchObject({ message: "Danke", termName: "Net 15", lines: [{ quantity: 7 }] });
  });

  it("I10: shows why QuickBooks refused the invoice on the review step, in plain words, the draft kept", async () => {
    const w = wizard("Globex – training");
    await w.open();
    const row = await w.row();
    await db()
      .db.updateTable("invoiceDrafts")
      .set({
        step: "review",
        error: JSON.stringify({ code: "closed_period", detail: "Account Period Closed" }),
      })
      .where("draftId", "=", row.draftId)
      .execute();
    goesTo(await w.open(), "review");
    const review = await w.page("review");
    expect(alert(review)).toContain("closed accounting period");
    expect(alert(review)).toContain("QuickBooks said: Account Period Closed");
    expect(review).toContain("Danke");
  });

  it("I6: the due date follows the payment term until the user edits it", async () => {
    const w = wizard("Initech – consulting", "6");
    await toDetails(w, "us");
    const page = await w.page("details");
    const net30 = /<option value="(\d+)">Net 30<\/option>/.exec(page)![1]!;
    const net15 = /<option value="(\d+)">Net 15<\/option>/.exec(page)![1]!;
    const save = async (termId: string, dueDate: string) => {
      const shownDueDate = String((await data(w)).dueDate ?? "2026-11-02");
      goesTo(
        await w.post("details", {
          termId,
          invoiceDate: "2026-11-02",
          dueDate,
          shownDueDate,
          action: "refresh",
        }),
        "details",
      );
      return data(w);
    };
    expect(await save(net30, "2026-11-02")).toMatchObject({ dueDate: "2026-12-02", dueDateEdited: false });
    expect(await save(net15, "2026-12-02")).toMatchObject({ dueDate: "2026-11-17", dueDateEdited: false });
    expect(await w.page("details")).toContain("The due date follows the payment terms until you change it.");
    expect(await save(net15, "2026-12-24")).toMatchObject({ dueDate: "2026-12-24", dueDateEdited: true });
    expect(await save(net30, "2026-12-24")).toMatchObject({ dueDate: "2026-12-24", dueDateEdited: true });
    expect(await w.page("details")).toContain("You set the due date yourself");
    expect(await save(net30, "")).toMatchObject({ dueDate: "2026-12-02", dueDateEdited: false });
    const before = await w.row();
    const bad = await w.post("details", {
      termId: net30,
      invoiceDate: "2026-11-02",
      dueDate: "2026-10-01",
      action: "next",
    });
    expect(bad.status).toBe(400);
    expect(alert(await bad.text())).toContain("cannot be before the invoice date");
    expect((await w.row()).data).toEqual(before.data);
  });

  it("I3: matches the contact to a QuickBooks customer by email; a new one gets a display name nobody has", async () => {
    const us = stack.companies.us.realmId;
    await stack.qboApi(us, "POST", "/customer", {
      DisplayName: "J. Smith Consulting",
      PrimaryEmailAddr: { Address: "John.Smith@acme.example.com" },
    });
    // "Acme – onboarding" has no quote: from scratch, the deal's contact (John Smith) is the party.
    const w = wizard("Acme – onboarding", "3");
    await w.open();
    await w.post("company", { connectionId: stack.companies.us.connectionId, action: "next" });
    goesTo(await w.post("source", { source: "scratch", action: "next" }), "customer");
    const matched = await w.page("customer");
    expect(matched).toContain("Matched to the QuickBooks customer J. Smith Consulting by email.");
    expect(matched).toMatch(/<option value="\d+" selected="">J. Smith Consulting/);
    expect(await data(w)).toMatchObject({
      customer: { kind: "existing", displayName: "J. Smith Consulting" },
    });
    const search = await w.page("customer", { q: "Cool" });
    expect(search).toContain("Cool Cars");
    expect(search).toContain("J. Smith Consulting");
    expect(search).not.toContain("Diego Rodriguez");

    const uk = stack.companies.uk.realmId;
    const taken = await stack.qboApi(uk, "POST", "/customer", { DisplayName: "Haruto Sato" });
    const { Id, SyncToken } = taken.body.Customer;
    await stack.qboApi(uk, "POST", "/customer?operation=update", {
      Id,
      SyncToken,
      sparse: true,
      Active: false,
    });
    const n = wizard("Globex – licence expansion", "3");
    await n.open();
    await n.post("company", { connectionId: stack.companies.uk.connectionId, action: "next" });
    await n.post("source", { source: "scratch", action: "next" });
    const fresh = await n.page("customer");
    expect(fresh).toContain("No QuickBooks customer matches");
    expect(fresh).toContain('id="new_displayName" value="Haruto Sato (2)"');
    expect(fresh).toContain("the new one will be “Haruto Sato (2)”");
    const colon = await n.post("customer", { kind: "new", action: "next", new_displayName: "Sato: Tokyo" });
    expect(colon.status).toBe(400);
    expect(alert(await colon.text())).toContain("colon");
    const email = await n.post("customer", {
      kind: "new",
      action: "next",
      new_displayName: "Haruto",
      new_email: "nope",
    });
    expect(alert(await email.text())).toContain("email address does not look right");
    expect((await data(n)).customer).toBeUndefined();
  });

  it("I9: refuses before the first step when custom transaction numbers are on, saying how to turn them off", async () => {
    await stack.setCustomTxnNumbers("us", true);
    try {
      const w = wizard("Acme – onboarding");
      await w.open();
      goesTo(
        await w.post("company", { connectionId: stack.companies.us.connectionId, action: "next" }),
        "source",
      );
      const refused = await w.get("source");
      expect(refused.status).toBe(409);
      const text = alert(await refused.text())!;
      expect(text).toContain("Custom transaction numbers are turned on");
      expect(text).toContain(
        "open Settings (the gear icon), choose Account and settings, then Sales, edit Sales form content, switch Custom transaction numbers off",
      );
      // Reopening at a later step asks QuickBooks again.
      const later = wizard("Initech – consulting", "6");
      const reopened = await later.open();
      expect(reopened.status).toBe(409);
      expect(await reopened.text()).toContain("Custom transaction numbers are turned on");
    } finally {
      await stack.setCustomTxnNumbers("us", false);
    }
  });

  it("speaks Japanese when the card did, with the seed article's labels", async () => {
    const w = wizard("Initech – consulting", "1", "ja");
    await w.open();
    const company = await w.page("company");
    expect(company).toContain('<html lang="ja">');
    expect(company).toContain("QuickBooksアカウント");
    expect(company).toContain(">次へ</button>");
    await w.post("company", { connectionId: stack.companies.us.connectionId, action: "next" });
    const source = await w.page("source");
    expect(source).toContain("見積もりから作成");
    expect(source).toContain("ゼロから作成");
    expect(source).toContain(">前へ</button>");
    await w.post("source", { source: "scratch", action: "next" });
    expect(await w.page("customer")).toContain("新規のQuickBooks顧客を作成");
  });

  it("never reaches another user's, deal's or portal's draft (404), and keeps each user's draft apart", async () => {
    const mine = wizard("Acme – onboarding", "1");
    await mine.open();
    const before = await mine.row();
    const other = wizard("Acme – onboarding", "2");
    await other.open();
    expect(other.draftId()).not.toBe(mine.draftId());
    const sneak = (token: string) =>
      stack.app.request(
        `/embed/invoices/new/company?${new URLSearchParams({ t: token, draft: mine.draftId() }).toString()}`,
      );
    const otherUser = stack.embedToken("deals", mine.dealId, { hubspotUserId: "2" });
    const otherDeal = stack.embedToken("deals", deals["Umbrella – support"]!);
    const otherPortal = stack.embedToken("deals", mine.dealId, { portalId: "999999" });
    for (const token of [otherUser, otherDeal, otherPortal]) expect((await sneak(token)).status).toBe(404);
    const post = await stack.app.request("/embed/invoices/new/company", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        t: otherUser,
        draft: mine.draftId(),
        connectionId: stack.companies.uk.connectionId,
      }).toString(),
    });
    expect(post.status).toBe(404);
    expect(await mine.row()).toEqual(before);
    expect((await stack.app.request("/embed/invoices/new/company?t=forged.token")).status).toBe(401);
  });
  it("refuses a company that needs reconnecting, with what to do about it", async () => {
    const setStatus = (connectionId: string, status: "active" | "needs_reconnect") =>
      db()
        .db.updateTable("qboConnections")
        .set({ status })
        .where("connectionId", "=", connectionId)
        .execute();
    const { us, uk } = stack.companies;
    const w = wizard("Umbrella – support");
    await w.open();
    goesTo(await w.post("company", { connectionId: uk.connectionId, action: "next" }), "source");
    await setStatus(uk.connectionId, "needs_reconnect");
    try {
      // Its company gone, the draft goes back to the company step, which says why.
      goesTo(await w.open(), "company");
      const page = await w.page("company");
      expect(alert(page)).toContain("Thames Garden Studio Ltd needs reconnecting in Ledgerlink");
      expect(page).toMatch(
        /<option value="conn-gb" disabled="">Thames Garden Studio Ltd \(needs reconnecting\)/,
      );
      expect((await w.post("company", { connectionId: uk.connectionId, action: "next" })).status).toBe(400);
      await setStatus(us.connectionId, "needs_reconnect");
      const none = await w.open();
      expect(none.status).toBe(409);
      const text = alert(await none.text())!;
      expect(text).toContain("QuickBooks needs reconnecting");
      expect(text).toContain("go to Connections and choose Reconnect");
    } finally {
      await setStatus(us.connectionId, "active");
      await setStatus(uk.connectionId, "active");
    }
  });
});
