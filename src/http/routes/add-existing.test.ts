import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/support/db.ts";
import { startStack, type Stack } from "../../../test/support/stack.ts";
import { ManualClock } from "../../lib/clock.ts";

/** "Add existing invoice" (E1, E2): pick the company, search, tick, Add; bad input changes nothing. */
describeEachBackend("Add existing invoice (E1, E2)", (db) => {
  const clock = new ManualClock("2026-11-02T17:00:00Z");
  let stack: Stack;
  let dealId: string;
  let ukInvoices: Array<{ Id: string; DocNumber: string }>;

  beforeAll(async () => {
    stack = await startStack(db(), clock);
    dealId = (await stack.hs("GET", "/crm/v3/objects/deals?limit=1")).body.results[0].id;
    const q = encodeURIComponent("SELECT * FROM Invoice ORDERBY Id");
    ukInvoices = (await stack.qboApi(stack.companies.uk.realmId, "GET", `/query?query=${q}`)).body
      .QueryResponse.Invoice;
  });
  afterAll(() => stack.close());

  const url = (params: Record<string, string> = {}) =>
    `/embed/invoices/add?${new URLSearchParams({ t: stack.embedToken("deals", dealId), ...params }).toString()}`;
  const post = (fields: Array<[string, string]>) =>
    stack.app.request("/embed/invoices/add", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams([["t", stack.embedToken("deals", dealId)], ...fields]).toString(),
    });
  const links = () => db().db.selectFrom("invoiceLinks").selectAll().where("objectId", "=", dealId).execute();

  it("refuses without a valid token", async () => {
    expect((await stack.app.request("/embed/invoices/add")).status).toBe(401);
    expect((await stack.app.request("/embed/invoices/add?t=forged.token")).status).toBe(401);
  });

  it("asks which QuickBooks account when several are connected", async () => {
    const res = await stack.app.request(url());
    const html = await res.text();
    expect(html).toContain("Craig&#39;s Design and Landscaping");
    expect(html).toContain("Thames Garden Studio Ltd");
    expect(html).toContain('name="company"');
  });

  it("searches by number and by status, derived in the company's time zone", async () => {
    const target = ukInvoices[0]!;
    const byNumber = await (
      await stack.app.request(
        url({ company: stack.companies.uk.connectionId, search: "1", number: target.DocNumber }),
      )
    ).text();
    expect(byNumber).toContain(`value="${target.Id}"`);
    expect((byNumber.match(/name="invoice"/g) ?? []).length).toBe(1);
    const overdue = await (
      await stack.app.request(
        url({ company: stack.companies.uk.connectionId, search: "1", status: "overdue" }),
      )
    ).text();
    expect(overdue).not.toContain("Awaiting send</td>");
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
      const res = await stack.app.request(
        url({ company: stack.companies.uk.connectionId, search: "1", ...bad }),
      );
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('role="alert"');
    }
  });

  it("adds two ticked invoices once, and refuses an empty or foreign choice without changing anything", async () => {
    const company = stack.companies.uk.connectionId;
    expect((await post([["company", company]])).status).toBe(400);
    expect(
      (
        await post([
          ["company", "conn-of-someone-else"],
          ["invoice", ukInvoices[0]!.Id],
        ])
      ).status,
    ).toBe(400);
    expect(await links()).toHaveLength(0);

    const ticked: Array<[string, string]> = [
      ["company", company],
      ["invoice", ukInvoices[0]!.Id],
      ["invoice", ukInvoices[1]!.Id],
    ];
    const res = await post(ticked);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("data-hubspot-done");
    expect(await links()).toHaveLength(2);
    await post(ticked);
    expect(await links()).toHaveLength(2);
    const page = await (await stack.app.request(url({ company, search: "1" }))).text();
    expect((page.match(/Already added/g) ?? []).length).toBe(2);

    await stack.drain();
    const assoc = await stack.hs("GET", `/crm/v4/objects/deals/${dealId}/associations/invoices`);
    expect(assoc.body.results).toHaveLength(2); // mirrored as HubSpot invoice objects (E2)
  });
});
