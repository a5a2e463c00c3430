import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/support/db.ts";
import { startStack, type Stack } from "../../../test/support/stack.ts";
import { testSecrets } from "../../../test/support/app.ts";
import { ManualClock } from "../../lib/clock.ts";
import { signToken } from "../../lib/signed-token.ts";
import { overduePass } from "./jobs.ts";

/** The Invoices page, the on-demand overdue pass (S5) and the preview (I8). */
describeEachBackend("Invoices page and preview (I8, S1, S5)", (db) => {
  const clock = new ManualClock("2026-11-02T17:00:00Z");
  let stack: Stack;
  let keys: string[];
  let dealId: string;

  beforeAll(async () => {
    stack = await startStack(db(), clock);
    dealId = (await stack.hs("GET", "/crm/v3/objects/deals?limit=1")).body.results[0].id;
    const q = encodeURIComponent("SELECT * FROM Invoice ORDERBY Id");
    const invoices = (await stack.qboApi(stack.companies.us.realmId, "GET", `/query?query=${q}`)).body
      .QueryResponse.Invoice;
    keys = await stack.follow("us", invoices.slice(0, 3), [{ objectType: "deals", objectId: dealId }]);
  });
  afterAll(() => stack.close());

  const get = (path: string) => stack.app.request(path, { headers: { cookie: stack.user.cookie } });

  const rowsOf = async (query: string) => {
    const html = await (await get(`/invoices${query}`)).text();
    return [...html.matchAll(/<tr data-state="(\w+)">/g)].map((m) => m[1]);
  };

  it("lists the portal's invoices with their company, links and preview", async () => {
    const html = await (await get("/invoices")).text();
    expect((html.match(/<tr data-state=/g) ?? []).length).toBe(3);
    expect(html).toContain(`Deal ${dealId}`);
    expect(html).toContain("Craig&#39;s Design and Landscaping");
    expect(html).toContain(`href="/invoices/${encodeURIComponent(keys[0]!)}/preview"`);
  });

  it("filters by status, company, customer, deal and due date (S1)", async () => {
    expect(await rowsOf("?status=sent")).toEqual(["sent"]);
    expect(await rowsOf(`?company=${stack.companies.uk.connectionId}`)).toEqual([]);
    expect(await rowsOf(`?company=${stack.companies.us.connectionId}`)).toHaveLength(3);
    expect(await rowsOf("?customer=amy")).toEqual(["awaiting_send"]);
    expect(await rowsOf("?deal=1")).toEqual([]);
    expect(await rowsOf(`?deal=${dealId}`)).toHaveLength(3);
    const due = await db().db.selectFrom("invoices").select("dueDate").orderBy("dueDate").execute();
    const [first, , last] = due.map((d) => d.dueDate!);
    expect(await rowsOf(`?dueTo=${first}`)).toHaveLength(1);
    expect(await rowsOf(`?dueFrom=${last}&dueTo=${last}`)).toHaveLength(1);
    expect(await rowsOf(`?dueFrom=${first}&dueTo=${last}&status=partially_paid`)).toEqual(["partially_paid"]);
  });

  it("refuses a bad filter with a clear error", async () => {
    for (const bad of ["?dueFrom=tomorrow", "?dueTo=2026-02-30", "?deal=abc", "?status=lost"]) {
      const res = await get(`/invoices${bad}`);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('role="alert"');
    }
  });

  it("exports the filtered list as CSV, headers in the page's language, cells made inert", async () => {
    const page = await (await get("/invoices?status=sent")).text();
    expect(page).toContain('href="/invoices.csv?status=sent"');
    const res = await get("/invoices.csv?status=sent");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const lines = (await res.text())
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe("Number,Company,Customer,Currency,Amount,Balance,Due date,Status,HubSpot records");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(",Sent to customer,");
    expect(lines[1]).toContain(`Deal ${dealId}`);
    expect((await (await get("/invoices.csv")).text()).trimEnd().split("\r\n")).toHaveLength(4);

    const ja = await stack.app.request("/invoices.csv?status=sent&lang=ja", {
      headers: { cookie: stack.user.cookie },
    });
    const jaHeader = (await ja.text()).replace(/^\uFEFF/, "").split("\r\n")[0];
    expect(jaHeader).not.toContain("Number");
    expect(jaHeader).toContain("通貨");

    // A customer name a spreadsheet would run as a formula is written inert.
    await db()
      .db.updateTable("invoices")
      .set({ customerName: '=HYPERLINK("http://x","y")' })
      .where("invoiceKey", "=", keys[0]!)
      .execute();
    const csv = await (await get("/invoices.csv")).text();
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    expect((await get("/invoices.csv?deal=abc")).status).toBe(400);
  });

  it("sends signed-out visitors to sign in", async () => {
    expect((await stack.app.request("/invoices")).status).toBe(302);
  });

  it("queues the overdue pass on demand", async () => {
    const res = await stack.app.request("/invoices/overdue-pass", {
      method: "POST",
      headers: { cookie: stack.user.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: stack.user.csrf }).toString(),
    });
    expect(res.status).toBe(303);
    const depth = await stack.queue.depth();
    expect(depth.find((d) => d.name === overduePass.name)?.queued).toBeGreaterThan(0);
  });

  it("streams the QBO PDF for the session's portal or a matching preview token, and nothing else", async () => {
    const key = keys[0]!;
    const path = `/invoices/${encodeURIComponent(key)}/preview`;
    const pdf = await get(path);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 4)
        .toString(),
    ).toBe("%PDF");

    const token = (invoiceKey: string) =>
      signToken(testSecrets, {
        purpose: "preview",
        portalId: stack.portalId,
        objectType: "deals",
        objectId: dealId,
        hubspotUserId: "1",
        userEmail: "",
        locale: "en",
        invoiceKey,
        exp: clock.now().getTime() + 60_000,
      });
    expect((await stack.app.request(`${path}?t=${token(key)}`)).status).toBe(200);
    expect((await stack.app.request(`${path}?t=${token(keys[1]!)}`)).status).toBe(401);
    expect((await stack.app.request(`${path}?t=${stack.embedToken("deals", dealId)}`)).status).toBe(401);
    expect((await get(`/invoices/${encodeURIComponent("conn-us:999999")}/preview`)).status).toBe(404);
  });
});
