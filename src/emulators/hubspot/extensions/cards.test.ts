import { Signature } from "@hubspot/api-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, type RunningServer } from "../../kit/index.ts";
import { cardsExtension } from "./cards.ts";
import { TEST_APP, TEST_HAPIKEY, createTestCore } from "./test-core.ts";

const PORTAL = 62515;

interface Seen {
  method: string;
  url: string;
  body: string;
  headers: Headers;
}

/** The integration's side: a card fetch URL and action hooks, answering what the test scripts. */
function cardServer() {
  const seen: Seen[] = [];
  let answer: (req: Request) => Response = () => Response.json({ results: [] });
  const handler = async (req: Request) => {
    seen.push({ method: req.method, url: req.url, body: await req.clone().text(), headers: req.headers });
    return answer(req);
  };
  return { seen, handler, answerWith: (fn: (req: Request) => Response) => (answer = fn) };
}

function validV3(seen: Seen): boolean {
  return Signature.isValid({
    signatureVersion: "v3",
    signature: seen.headers.get("x-hubspot-signature-v3") ?? "",
    clientSecret: TEST_APP.clientSecret,
    requestBody: seen.body,
    url: seen.url,
    method: seen.method,
    timestamp: Number(seen.headers.get("x-hubspot-request-timestamp")),
  });
}

function validV2(seen: Seen): boolean {
  return Signature.isValid({
    signatureVersion: "v2",
    signature: seen.headers.get("x-hubspot-signature") ?? "",
    clientSecret: TEST_APP.clientSecret,
    requestBody: seen.body,
    url: seen.url,
    method: seen.method,
  });
}

describe("app cards (X-HS)", () => {
  const server = cardServer();
  let running: RunningServer;
  beforeAll(async () => {
    running = await listen(server.handler, 0);
  });
  afterAll(() => running.close());

  function setup() {
    const core = createTestCore();
    core.addPortal(PORTAL);
    core.setLabel("deals", "dealname", "Deal name");
    const deal = core.createRecord(PORTAL, "deals", { dealname: "ACME annual licence", amount: "1500" });
    const contact = core.createRecord(PORTAL, "contacts", { email: "jo@acme.test", firstname: "Jo" });
    core.associate(PORTAL, ["deals", deal.id], ["contacts", contact.id], 3);
    const ext = cardsExtension(core);
    const dev = (path: string, method = "GET", body?: unknown) =>
      ext.routes.request(`${path}?hapikey=${TEST_HAPIKEY}`, {
        method,
        headers: { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const createCard = async () => {
      const res = await dev("/crm/v3/extensions/cards-dev/1", "POST", {
        title: "QuickBooks invoices",
        fetch: {
          targetUrl: `${running.url}/card`,
          objectTypes: [{ name: "deals", propertiesToSend: ["dealname", "amount"] }],
        },
        display: {
          properties: [
            {
              name: "status",
              label: "Status",
              dataType: "STATUS",
              options: [{ name: "paid", label: "Paid", type: "SUCCESS" }],
            },
          ],
        },
        actions: { baseUrls: [running.url] },
      });
      expect(res.status).toBe(201);
      return (await res.json()) as { id: string };
    };
    return { core, deal, contact, ext, dev, createCard };
  }

  it("serves the card definition API with HubSpot's shapes, auth and errors", async () => {
    const { ext, dev, createCard } = setup();
    const card = await createCard();
    expect(card).toMatchObject({ title: "QuickBooks invoices", actions: { baseUrls: [running.url] } });
    expect((await (await dev("/crm/v3/extensions/cards/1")).json()) as object).toMatchObject({
      results: [{ id: card.id }],
    });
    const patched = await dev(`/crm/v3/extensions/cards-dev/1/${card.id}`, "PATCH", { title: "Invoices" });
    expect(await patched.json()).toMatchObject({
      title: "Invoices",
      fetch: { targetUrl: `${running.url}/card` },
    });

    const noAuth = await ext.routes.request("/crm/v3/extensions/cards-dev/1");
    expect(noAuth.status).toBe(401);
    const bad = await dev("/crm/v3/extensions/cards-dev/1", "POST", {
      title: "x",
      fetch: { targetUrl: "nope" },
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ status: "error", category: "VALIDATION_ERROR" });
    expect((await dev(`/crm/v3/extensions/cards-dev/1/${card.id}`, "DELETE")).status).toBe(204);
    expect((await dev(`/crm/v3/extensions/cards-dev/1/${card.id}`)).status).toBe(404);
  });

  it("calls the fetch URL with HubSpot's parameters and a valid signature, and renders the results", async () => {
    const { deal, ext, createCard } = setup();
    await createCard();
    server.answerWith(() =>
      Response.json({
        results: [
          {
            objectId: 245,
            title: "INV-1003",
            link: "https://qbo.example/invoice/245",
            status: "paid",
            properties: [{ label: "Amount", dataType: "CURRENCY", value: "1500.00", currencyCode: "USD" }],
            actions: [
              { type: "IFRAME", width: 600, height: 400, uri: `${running.url}/edit/245`, label: "Edit" },
            ],
          },
        ],
        primaryAction: {
          type: "IFRAME",
          width: 890,
          height: 748,
          uri: `${running.url}/new`,
          label: "Create invoice",
        },
        secondaryActions: [
          { type: "IFRAME", uri: "https://elsewhere.example/x", label: "Sneaky", width: 1, height: 1 },
        ],
      }),
    );
    server.seen.length = 0;
    const page = await ext.routes.request(`/contacts/${PORTAL}/record/0-3/${deal.id}`);
    expect(page.status).toBe(200);
    const html = await page.text();

    const call = server.seen[0]!;
    const query = new URL(call.url).searchParams;
    expect(call.method).toBe("GET");
    expect(Object.fromEntries(query)).toMatchObject({
      userId: "1",
      associatedObjectId: deal.id,
      associatedObjectType: "DEAL",
      portalId: String(PORTAL),
      dealname: "ACME annual licence",
      amount: "1500",
    });
    expect(query.get("userEmail")).toContain("@");
    expect(validV2(call)).toBe(true);
    expect(validV3(call)).toBe(true);

    expect(html).toContain("ACME annual licence");
    expect(html).toContain("Deal name");
    expect(html).toContain("INV-1003");
    expect(html).toContain("$1,500.00");
    expect(html).toMatch(/status-SUCCESS">Paid</);
    expect(html).toContain(`data-iframe-url="${running.url}/new"`);
    expect(html).not.toContain('data-iframe-url="https://elsewhere.example/x"');
    expect(html).toContain("Sneaky");
  });

  it("reads the v3 response format too", async () => {
    const { deal, ext, createCard } = setup();
    await createCard();
    server.answerWith(() =>
      Response.json({
        responseVersion: "v3",
        totalCount: 1,
        sections: [
          {
            id: "245",
            title: "Invoice 245",
            tokens: [{ name: "due", label: "Due", dataType: "DATE", value: "2026-03-01" }],
            actions: [],
          },
        ],
      }),
    );
    const html = await (await ext.routes.request(`/contacts/${PORTAL}/record/0-3/${deal.id}?lang=ja`)).text();
    expect(html).toContain("Invoice 245");
    expect(html).toContain("2026/03/01");
    expect(html).toContain("アプリカード");
  });

  it("shows an error panel when the fetch fails or answers badly", async () => {
    const { deal, ext, createCard } = setup();
    await createCard();
    server.answerWith(() => new Response("<html>oops</html>", { status: 200 }));
    let html = await (await ext.routes.request(`/contacts/${PORTAL}/record/0-3/${deal.id}`)).text();
    expect(html).toContain("did not answer with JSON");
    server.answerWith(() => new Response("down", { status: 503 }));
    html = await (await ext.routes.request(`/contacts/${PORTAL}/record/0-3/${deal.id}`)).text();
    expect(html).toContain("answered with an error");
    expect(html).toContain("HTTP 503");
    server.answerWith(() => Response.json({ results: [{ title: 3 }] }));
    html = await (await ext.routes.request(`/contacts/${PORTAL}/record/0-3/${deal.id}`)).text();
    expect(html).toContain("not in a format HubSpot can show");
  });

  it("answers 404 pages for unknown portals, types and records, in the viewer's language", async () => {
    const { deal, ext } = setup();
    for (const path of [
      `/contacts/999/record/0-3/${deal.id}`,
      `/contacts/${PORTAL}/record/0-3/9999`,
      `/contacts/${PORTAL}/record/0-9/1`,
    ]) {
      const res = await ext.routes.request(path);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain("Record not found");
    }
    const ja = await ext.routes.request("/contacts/999/record/0-3/1", {
      headers: { "accept-language": "ja,en;q=0.8" },
    });
    expect(await ja.text()).toContain("レコードが見つかりません");
  });

  it("forwards an action hook signed, with the record's properties, then returns to the record", async () => {
    const { core, deal, ext, createCard } = setup();
    const card = await createCard();
    server.answerWith((req) =>
      req.method === "POST" ? Response.json({ message: "Invoice voided" }) : Response.json({ results: [] }),
    );
    server.seen.length = 0;
    const form = new URLSearchParams({
      appId: "1",
      cardId: card.id,
      url: `${running.url}/void/245`,
      httpMethod: "POST",
      properties: "dealname",
    });
    const res = await ext.routes.request(`/contacts/${PORTAL}/record/0-3/${deal.id}/card-action`, {
      method: "POST",
      body: form,
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toContain("notice=ok");
    expect(res.headers.get("location")).toContain("Invoice+voided");
    const hook = server.seen[0]!;
    expect(JSON.parse(hook.body)).toMatchObject({
      associatedObjectId: deal.id,
      associatedObjectType: "DEAL",
      portalId: String(PORTAL),
      dealname: "ACME annual licence",
    });
    expect(validV2(hook)).toBe(true);
    expect(validV3(hook)).toBe(true);

    form.set("url", "https://elsewhere.example/steal");
    const refused = await ext.routes.request(`/contacts/${PORTAL}/record/0-3/${deal.id}/card-action`, {
      method: "POST",
      body: form,
    });
    expect(refused.status).toBe(400);
    expect(core.getRecord(PORTAL, "deals", deal.id)).toBeDefined();
  });

  it("keeps definitions across snapshot and restore", async () => {
    const { ext, createCard } = setup();
    const card = await createCard();
    const saved = JSON.parse(JSON.stringify(ext.snapshot()));
    ext.reset();
    expect(ext.store.list(1)).toEqual([]);
    ext.restore(saved);
    expect(ext.store.get(1, card.id)?.title).toBe("QuickBooks invoices");
  });
});
