import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { intuitSignature } from "../notifications.ts";
import { faultOf, startQboHarness, type QboClient, type QboHarness } from "./harness.ts";

type Json = Record<string, unknown>;

/** X-QB: query language, CDC, batch, requestid, throttling and webhooks. */
describe("QBO emulator: query, CDC, batch, idempotency, limits, webhooks (X-QB)", () => {
  let h: QboHarness;
  let qbo: QboClient;
  let realmId: string;
  let token: Json;
  let customerId: string;
  let itemId: string;

  beforeAll(async () => {
    h = await startQboHarness();
    ({ qbo, realmId, token } = await h.connect({ name: "Query Co", country: "US" }));
    const income = (await qbo.call<Json>("findAccounts", { AccountType: "Income" })).QueryResponse as Json;
    const c = await qbo.call<Json>("createCustomer", { DisplayName: "Pager" });
    customerId = String(c.Id);
    const i = await qbo.call<Json>("createItem", {
      Name: "Unit",
      IncomeAccountRef: { value: (income.Account as Json[])[0]!.Id },
    });
    itemId = String(i.Id);
  });
  afterAll(() => h.close());

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${h.url}/v3/company/${realmId}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${String(token.access_token)}`,
        "content-type": "application/json",
        ...init.headers,
      },
    });
  const invoiceBody = (amount: number) => ({
    CustomerRef: { value: customerId },
    Line: [
      {
        DetailType: "SalesItemLineDetail",
        Amount: amount,
        SalesItemLineDetail: { ItemRef: { value: itemId }, Qty: 1, UnitPrice: amount },
      },
    ],
  });

  it("pages with STARTPOSITION/MAXRESULTS, counts, and answers {} for no rows", async () => {
    for (let i = 1; i <= 5; i++) await qbo.call("createInvoice", invoiceBody(i));
    const q = (text: string) =>
      api(`/query?query=${encodeURIComponent(text)}&minorversion=75`).then((r) => r.json() as Promise<Json>);
    const page = (await q("select * from invoice orderby TotalAmt desc startposition 2 maxresults 2"))
      .QueryResponse as Json;
    expect(page).toMatchObject({ startPosition: 2, maxResults: 2 });
    expect((page.Invoice as Json[]).map((i) => i.TotalAmt)).toEqual([4, 3]);
    expect(
      ((await q("SELECT COUNT(*) FROM Invoice WHERE TotalAmt >= '3'")).QueryResponse as Json).totalCount,
    ).toBe(3);
    expect((await q("SELECT * FROM Invoice WHERE DocNumber = 'nope'")).QueryResponse).toEqual({});
    const posted = await api("/query", {
      method: "POST",
      headers: { "content-type": "application/text" },
      body: "Select * From Customer Where DisplayName LIKE 'Pag%'",
    });
    expect((((await posted.json()) as Json).QueryResponse as Json).Customer).toHaveLength(1);
  });

  it("answers 4000 for a parse error and 4001 for an invalid query", async () => {
    const parse = await api(`/query?query=${encodeURIComponent("SELECT * FROM Invoice WHERE")}`);
    expect(parse.status).toBe(400);
    expect(((await parse.json()) as Json).Fault).toMatchObject({
      type: "ValidationFault",
      Error: [{ code: "4000" }],
    });
    const invalid = await api(`/query?query=${encodeURIComponent("SELECT * FROM Invoice MAXRESULTS 1001")}`);
    expect(((await invalid.json()) as Json).Fault).toMatchObject({ Error: [{ code: "4001" }] });
  });

  it("CDC returns changes and deletes since a time, within 30 days", async () => {
    h.clock.advance(60_000);
    const since = h.clock.now();
    const inv = await qbo.call<Json>("createInvoice", invoiceBody(9));
    const gone = await qbo.call<Json>("createInvoice", invoiceBody(8));
    await qbo.call("deleteInvoice", { Id: gone.Id, SyncToken: gone.SyncToken });
    // node-quickbooks leaves the offset unencoded, so '+00:00' arrives as ' 00:00'.
    const cdc = await qbo.call<Json>(
      "changeDataCapture",
      ["Invoice", "Customer"],
      since.toISOString().replace("Z", "+00:00"),
    );
    const responses = (cdc.CDCResponse as Json[])[0]!.QueryResponse as Json[];
    const invoices = responses[0]!.Invoice as Json[];
    expect(invoices.map((i) => i.Id)).toEqual([inv.Id, gone.Id]);
    expect(invoices[1]).toMatchObject({ status: "Deleted", domain: "QBO" });
    expect(responses[1]).toEqual({});
    const old = await api(`/cdc?entities=Invoice&changedSince=${encodeURIComponent("2026-03-01T00:00:00Z")}`);
    expect(old.status).toBe(400);
    const tax = await api(`/cdc?entities=TaxCode&changedSince=${encodeURIComponent(since.toISOString())}`);
    expect(tax.status).toBe(400);
  });

  it("batch: ≤ 30 independent items with bIds; 1040 beyond", async () => {
    const res = await qbo.call<Json>("batch", [
      { bId: "c1", operation: "create", Customer: { DisplayName: "Batch One" } },
      { bId: "c2", operation: "create", Customer: { DisplayName: "Batch One" } },
      { bId: "q1", Query: "select * from Item" },
      { Invoice: invoiceBody(2) },
    ]);
    const items = res.BatchItemResponse as Json[];
    expect(items[0]).toMatchObject({ bId: "c1", Customer: { DisplayName: "Batch One" } });
    expect(items[1]).toMatchObject({
      bId: "c2",
      Fault: { type: "ValidationFault", Error: [{ code: "6240" }] },
    });
    expect(((items[2]!.QueryResponse as Json).Item as Json[])[0]).toMatchObject({ Name: "Unit" });
    expect(items[3]!.Invoice).toMatchObject({ TotalAmt: 2 });
    const tooMany = Array.from({ length: 31 }, (_, i) => ({ bId: `b${i}`, Query: "select * from Item" }));
    expect(faultOf(await qbo.call("batch", tooMany).catch((e) => e)).code).toBe("1040");
  });

  it("replays the first answer for a repeated requestid and never writes twice", async () => {
    const body = JSON.stringify({ DisplayName: "Idempotent Inc" });
    const first = await api("/customer?requestid=rq-123", { method: "POST", body });
    const second = await api("/customer?requestid=rq-123", { method: "POST", body });
    expect(first.status).toBe(200);
    expect(await second.text()).toBe(await first.text());
    const count = await qbo.call<Json>("findCustomers", { DisplayName: "Idempotent Inc", count: true });
    expect((count.QueryResponse as Json).totalCount).toBe(1);
    const tooLong = await api(`/customer?requestid=${"x".repeat(51)}`, { method: "POST", body });
    expect(tooLong.status).toBe(400);
  });

  it("throttles past 10 requests per second with Intuit's XML 3001", async () => {
    await h.control("/rate-limits", { enabled: true });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await api("/preferences")).status);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    const last = await api("/preferences");
    expect(last.status).toBe(429);
    expect(await last.text()).toContain('<Error code="3001">');
    h.clock.advance(1000);
    expect((await api("/preferences")).status).toBe(200);
    await h.control("/rate-limits", { enabled: false });
  });

  it("posts signed webhooks (legacy, then CloudEvents) and retries on Intuit's schedule", async () => {
    const received: Array<{ body: string; signature: string }> = [];
    let fail = true;
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        received.push({ body, signature: String(req.headers["intuit-signature"]) });
        res.statusCode = fail ? 500 : 200;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      await h.control("/apps", {
        clientId: "hooked",
        clientSecret: "s3",
        redirectUris: ["http://localhost/cb"],
        webhookUrl: hookUrl,
        verifierToken: "verifier-1",
      });
      // A grant connects the app to the company; only connected apps hear its changes.
      await h.control("/tokens", { realmId, clientId: "hooked" });
      await qbo.call("createCustomer", { DisplayName: "Hooked Customer" });
      await h.control("/webhooks/flush", {});
      expect(received).toHaveLength(1);
      const first = received[0]!;
      expect(first.signature).toBe(intuitSignature("verifier-1", first.body));
      const payload = JSON.parse(first.body) as {
        eventNotifications: Array<{ realmId: string; dataChangeEvent: { entities: Json[] } }>;
      };
      expect(payload.eventNotifications[0]!.realmId).toBe(realmId);
      expect(payload.eventNotifications[0]!.dataChangeEvent.entities[0]).toMatchObject({
        name: "Customer",
        operation: "Create",
      });
      // Failed: nothing more until the retry falls due 10 s later on the emulator clock.
      await h.control("/webhooks/flush", {});
      expect(received).toHaveLength(1);
      fail = false;
      h.clock.advance(10_000);
      await h.control("/webhooks/flush", {});
      expect(received).toHaveLength(2);
      const log = (await h.control("/webhooks")).body.deliveries as Json[];
      expect(log.at(-1)).toMatchObject({ state: "delivered" });

      await h.control("/apps", {
        clientId: "hooked",
        clientSecret: "s3",
        redirectUris: ["http://localhost/cb"],
        webhookUrl: hookUrl,
        verifierToken: "verifier-1",
        webhookFormat: "cloudevents",
      });
      const inv = await qbo.call<Json>("createInvoice", invoiceBody(3));
      await qbo.call("sendInvoicePdf", inv.Id, "x@example.com");
      await h.control("/webhooks/flush", {});
      const events = JSON.parse(received.at(-1)!.body) as Json[];
      expect(events.map((e) => e.type)).toEqual(
        ["qbo.invoice.created.v1", "qbo.invoice.emailed.v1"].slice(-events.length),
      );
      expect(events[0]).toMatchObject({ specversion: "1.0", intuitaccountid: realmId });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
