import { describe, expect, it } from "vitest";
import { APP_ORIGIN, consoleFixture, textOf, type ConsoleFixture } from "./test-console.ts";

const record = (portalId: number, typeId: string, id: string, query = "") =>
  `/contacts/${portalId}/record/${typeId}/${id}${query}`;

async function idOf(f: ConsoleFixture, type: string, query: string): Promise<string> {
  const res = await f.api("POST", `/crm/v3/objects/${type}/search`, { query });
  const body = (await res.json()) as { results: Array<{ id: string }> };
  if (!body.results[0]) throw new Error(`no ${type} matching ${query}`);
  return body.results[0].id;
}

/** An app card on deals, contacts and companies, as Ledgerlink registers its own (card-definition.ts). */
async function withCard(f: ConsoleFixture) {
  f.answers.set("/card", (_body, query) => {
    const associatedObjectType = query.get("associatedObjectType") ?? "";
    return Response.json({
      results: [
        { objectId: 1, title: `Invoices of this ${associatedObjectType.toLowerCase()}`, properties: [] },
      ],
      primaryAction: {
        type: "IFRAME",
        width: 600,
        height: 400,
        uri: `${APP_ORIGIN}/add`,
        label: "Add existing invoice",
      },
    });
  });
  const created = await f.dev("POST", "/crm/v3/extensions/cards-dev/1", {
    title: "QuickBooks invoices",
    fetch: {
      targetUrl: `${APP_ORIGIN}/card`,
      objectTypes: ["deals", "contacts", "companies"].map((name) => ({ name, propertiesToSend: [] })),
    },
    actions: { baseUrls: [APP_ORIGIN] },
  });
  expect(created.status).toBe(201);
}

describe("HubSpot emulator console: record pages", () => {
  it("shows a contact's and a company's cards, properties and associations, linked to the associated records", async () => {
    const f = consoleFixture();
    await withCard(f);
    const jane = await idOf(f, "contacts", "jane");
    const acme = await idOf(f, "companies", "acme");
    const contact = await f.page(record(f.portalId, "0-1", jane));
    expect(contact.status).toBe(200);
    let text = textOf(contact.html);
    expect(text).toContain("Jane Doe");
    expect(text).toContain("Invoices of this contact");
    expect(contact.html).toContain('data-label="Add existing invoice"');
    expect(contact.html).toContain('<dd data-property="email">jane.doe@acme.example.com</dd>');
    expect(contact.html).toContain(
      `href="${record(f.portalId, "0-2", acme)}" data-id="${acme}">Acme Corporation</a>`,
    );
    expect(contact.html).toContain(`href="/contacts/${f.portalId}/objects/0-1/views/all/list"`);

    const company = await f.page(record(f.portalId, "0-2", acme));
    text = textOf(company.html);
    expect(text).toContain("Invoices of this company");
    expect(company.html).toContain('data-label="Add existing invoice"');
    expect(company.html).toContain(
      `href="${record(f.portalId, "0-1", jane)}" data-id="${jane}">Jane Doe</a>`,
    );
    expect(text).toContain("Acme – annual licence renewal");
    const fetched = f.appCalls
      .filter((c) => c.path === "/card")
      .map((c) => c.query.get("associatedObjectType"));
    expect(fetched).toEqual(["CONTACT", "COMPANY"]);
  });

  it("shows products, quotes and invoices with their properties and associations, without cards", async () => {
    const f = consoleFixture();
    await withCard(f);
    const quote = await idOf(f, "quotes", "Acme licence renewal");
    const deal = await idOf(f, "deals", "annual licence renewal");
    const quotePage = await f.page(record(f.portalId, "0-14", quote));
    expect(quotePage.status).toBe(200);
    expect(textOf(quotePage.html)).toContain("Acme licence renewal 2026");
    expect(quotePage.html).toContain(
      `href="${record(f.portalId, "0-3", deal)}" data-id="${deal}">Acme – annual licence renewal</a>`,
    );
    expect(textOf(quotePage.html)).toContain("No app card is defined for this type of record.");

    const product = await idOf(f, "products", "Annual licence");
    const productPage = await f.page(record(f.portalId, "0-7", product));
    expect(productPage.html).toContain('<dd data-property="hs_sku">LIC-ANNUAL</dd>');

    const created = await f.api("POST", "/crm/v3/objects/invoices", {
      properties: { hs_currency: "USD", hs_title: "March services" },
    });
    expect(created.status).toBe(201);
    const invoice = ((await created.json()) as { id: string }).id;
    const jane = await idOf(f, "contacts", "jane");
    const linked = await f.api(
      "PUT",
      `/crm/v4/objects/invoices/${invoice}/associations/default/contacts/${jane}`,
    );
    expect(linked.status).toBe(200);
    const invoicePage = await f.page(record(f.portalId, "0-53", invoice, "?lang=ja"));
    expect(invoicePage.status).toBe(200);
    expect(invoicePage.html).toContain(
      `href="${record(f.portalId, "0-1", jane, "?lang=ja")}" data-id="${jane}">Jane Doe</a>`,
    );
    expect(textOf(invoicePage.html)).toContain("‹ 請求書の一覧");
    // The contact now shows its invoice among its associations.
    const contactPage = await f.page(record(f.portalId, "0-1", jane));
    expect(contactPage.html).toContain(`href="${record(f.portalId, "0-53", invoice)}" data-id="${invoice}">`);
    expect(f.appCalls.filter((c) => c.path === "/card")).toHaveLength(1);
  });

  it("answers an unknown portal, type or record with the 404 page", async () => {
    const f = consoleFixture();
    const jane = await idOf(f, "contacts", "jane");
    for (const path of [
      record(999, "0-1", jane),
      record(f.portalId, "0-9", jane),
      record(f.portalId, "0-2", jane),
    ]) {
      const res = await f.page(path);
      expect(res.status, path).toBe(404);
      expect(textOf(res.html)).toContain("Record not found");
    }
  });
});
