import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../../test/support/db.ts";
import { startStack, type Stack } from "../../../../test/support/stack.ts";
import { ManualClock } from "../../../lib/clock.ts";
import { updateDealProperties } from "../jobs.ts";

/** "Add existing invoice" (E1, E2, S1): pick the company, search, tick, Add; bad input changes nothing. */
describeEachBackend("Add existing invoice (E1, E2, S1)", (db) => {
  const clock = new ManualClock("2026-11-02T17:00:00Z");
  let stack: Stack;
  let dealId: string;
  let ukInvoices: Array<{ Id: string; DocNumber: string }>;
  let uk: string;

  beforeAll(async () => {
    stack = await startStack(db(), clock);
    uk = stack.companies.uk.connectionId;
    dealId = (await stack.hs("GET", "/crm/v3/objects/deals?limit=1")).body.results[0].id;
    const q = encodeURIComponent("SELECT * FROM Invoice ORDERBY Id");
    ukInvoices = (await stack.qboApi(stack.companies.uk.realmId, "GET", `/query?query=${q}`)).body
      .QueryResponse.Invoice;
  });
  afterAll(() => stack.close());

  const url = (params: Record<string, string> = {}) =>
    `/embed/invoices/add?${new URLSearchParams({ t: stack.embedToken("deals", dealId), ...params }).toString()}`;
  const search = async (params: Record<string, string>) => {
    const res = await stack.app.request(url({ company: uk, search: "1", ...params }));
    return { status: res.status, html: await res.text() };
  };
  const ticks = (html: string) => [...html.matchAll(/name="invoice" value="(\d+)"/g)].map((m) => m[1]);
  const post = (fields: Array<[string, string]>) =>
    stack.app.request("/embed/invoices/add", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams([["t", stack.embedToken("deals", dealId)], ...fields]).toString(),
    });
  const links = () => db().db.selectFrom("invoiceLinks").selectAll().where("objectId", "=", dealId).execute();
  const queued = async (name: string) =>
    (await stack.queue.depth()).find((d) => d.name === name)?.queued ?? 0;

  it("refuses without a valid token", async () => {
    expect((await stack.app.request("/embed/invoices/add")).status).toBe(401);
    expect((await stack.app.request("/embed/invoices/add?t=forged.token")).status).toBe(401);
  });

  it("asks which QuickBooks account when several are connected, and skips the question for one", async () => {
    const html = await (await stack.app.request(url())).text();
    expect(html).toContain("Craig&#39;s Design and Landscaping");
    expect(html).toContain("Thames Garden Studio Ltd");
    expect(html).toContain('<select name="company"');
    const us = db()
      .db.updateTable("qboConnections")
      .where("connectionId", "=", stack.companies.us.connectionId);
    await us.set({ status: "needs_reconnect" }).execute();
    const one = await (await stack.app.request(url())).text();
    expect(one).not.toContain('<select name="company"');
    expect(one).toContain(`name="company" value="${uk}"`);
    await us.set({ status: "active" }).execute();
  });

  it("searches by number, customer and status (S1, in the company's time zone)", async () => {
    const target = ukInvoices[0]!;
    expect(ticks((await search({ number: target.DocNumber })).html)).toEqual([target.Id]);
    const dukes = await search({ customer: "Dukes" });
    expect(ticks(dukes.html)).toHaveLength(1);
    expect(dukes.html).toContain("Dukes Basketball Camp");
    expect(ticks((await search({ customer: "Basketball" })).html)).toEqual([]); // a prefix, not a substring
    const overdue = await search({ status: "overdue" });
    expect(ticks(overdue.html)).toEqual(ticks(dukes.html));
    const statusCells = [...overdue.html.matchAll(/<td>(Overdue|Awaiting send|Paid in full)<\/td>/g)];
    expect(statusCells.map((m) => m[1])).toEqual(["Overdue"]);
  });

  it("refuses bad search input with a reason", async () => {
    const bads: Array<Record<string, string>> = [
      { amount: "12,5x" },
      { from: "2026-02-30" },
      { to: "2026-13-45" },
      { from: "2026-05-01", to: "2026-04-01" },
      { status: "lost" },
    ];
    for (const bad of bads) {
      const res = await search(bad);
      expect(res.status).toBe(400);
      expect(res.html).toContain('role="alert"');
    }
    const unknown = await stack.app.request(url({ company: "conn-of-someone-else" }));
    expect(unknown.status).toBe(400);
  });

  it("shows QuickBooks' refusal as a plain message and changes nothing", async () => {
    await stack.qboControl("/faults", { method: "GET", path: "/query", status: 400, times: 1 });
    const res = await search({ number: "1001" });
    expect(res.status).toBe(502);
    expect(res.html).toContain("QuickBooks did not answer the search");
    await stack.qboControl("/faults", { method: "GET", path: "/invoice/", status: 400, times: 1 });
    const add = await post([
      ["company", uk],
      ["invoice", ukInvoices[0]!.Id],
    ]);
    expect(add.status).toBe(502);
    expect(await add.text()).toContain("nothing was added");
    expect(await links()).toHaveLength(0);
  });

  it("adds two ticked invoices once, and refuses an empty or foreign choice without changing anything", async () => {
    expect((await post([["company", uk]])).status).toBe(400);
    expect(
      (
        await post([
          ["company", "conn-of-someone-else"],
          ["invoice", ukInvoices[0]!.Id],
        ])
      ).status,
    ).toBe(400);
    expect(
      (
        await post([
          ["company", uk],
          ["invoice", "abc"],
        ])
      ).status,
    ).toBe(400);
    expect(await links()).toHaveLength(0);
    expect(await db().db.selectFrom("invoices").select("invoiceKey").execute()).toHaveLength(0);

    const ticked: Array<[string, string]> = [
      ["company", uk],
      ["invoice", ukInvoices[0]!.Id],
      ["invoice", ukInvoices[1]!.Id],
    ];
    const res = await post(ticked);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("data-hubspot-done");
    expect(await links()).toHaveLength(2);
    const added = await db().db.selectFrom("invoices").select(["origin", "state"]).execute();
    expect(added.map((r) => r.origin)).toEqual(["added", "added"]);
    expect(await queued(updateDealProperties.name)).toBeGreaterThan(0);

    await stack.drain();
    const again = await (await post(ticked)).text();
    expect(again).toContain("0 invoices added");
    expect(again).toContain("2 of the ticked invoices were already on this record");
    expect(await links()).toHaveLength(2);
    expect(await queued(updateDealProperties.name)).toBe(0); // nothing changed, nothing to push
    const page = await search({});
    expect((page.html.match(/Already added/g) ?? []).length).toBe(2);
    const assoc = await stack.hs("GET", `/crm/v4/objects/deals/${dealId}/associations/invoices`);
    expect(assoc.body.results).toHaveLength(2); // mirrored as HubSpot invoice objects (E2)
  });
});
