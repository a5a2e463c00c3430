import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/support/db.ts";
import { startStack, type Stack } from "../../../test/support/stack.ts";
import { testSecrets } from "../../../test/support/app.ts";
import { ManualClock } from "../../lib/clock.ts";
import { signToken } from "../../lib/signed-token.ts";
import { overduePass } from "../../sync/invoices/job-defs.ts";

/** The Invoices page, the on-demand overdue pass (S5) and the preview (I8). */
describeEachBackend("Invoices page and preview (I8, S5)", (db) => {
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

  it("lists the portal's invoices and filters them", async () => {
    const all = await (await get("/invoices")).text();
    expect((all.match(/<tr data-state=/g) ?? []).length).toBe(3);
    const none = await (await get("/invoices?deal=1")).text();
    expect(none).not.toContain("<tr data-state=");
    const byDeal = await (await get(`/invoices?deal=${dealId}`)).text();
    expect((byDeal.match(/<tr data-state=/g) ?? []).length).toBe(3);
    const bad = await get("/invoices?dueFrom=tomorrow");
    expect(bad.status).toBe(400);
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
