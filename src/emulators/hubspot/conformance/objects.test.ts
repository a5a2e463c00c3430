import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failureOf, raw, startConformance, type Conformance } from "./harness.ts";

let conf: Conformance;
beforeAll(async () => {
  conf = await startConformance();
});
afterAll(() => conf.close());

describe("CRM objects v3 through @hubspot/api-client (X-HS)", () => {
  it("creates, reads, lists, updates and archives every object type", async () => {
    const product = await conf.client.crm.products.basicApi.create({
      properties: { name: "Annual licence", price: "1200", hs_sku: "LIC" },
      associations: [],
    });
    const samples: Record<string, Record<string, string>> = {
      contacts: { email: "jane@example.com", firstname: "Jane" },
      companies: { name: "Acme", domain: "acme.example.com" },
      deals: {
        dealname: "Acme renewal",
        amount: "1500.00",
        dealstage: "contractsent",
        deal_currency_code: "USD",
      },
      products: { name: "Support", price: "99" },
      line_items: { hs_product_id: product.id, quantity: "2" },
      quotes: { hs_title: "Q-1", hs_expiration_date: "2026-04-01" },
      invoices: { hs_currency: "USD" },
    };
    for (const [type, properties] of Object.entries(samples)) {
      const created = await conf.client.crm.objects.basicApi.create(type, { properties, associations: [] });
      expect(created.id).toMatch(/^\d+$/);
      expect(created.properties.hs_object_id).toBe(created.id);
      const read = await conf.client.crm.objects.basicApi.getById(type, created.id, Object.keys(properties));
      for (const [name, value] of Object.entries(properties))
        if (name !== "hs_expiration_date") expect(read.properties[name]).toBe(value);
      const page = await conf.client.crm.objects.basicApi.getPage(type, 100);
      expect(page.results.map((r) => r.id)).toContain(created.id);
      await conf.client.crm.objects.basicApi.update(type, created.id, { properties: {} });
      await conf.client.crm.objects.basicApi.archive(type, created.id);
      expect((await failureOf(conf.client.crm.objects.basicApi.getById(type, created.id))).code).toBe(404);
    }
  });

  it("applies HubSpot's derived values: line item pricing, deal stage facts, invoice numbers", async () => {
    const product = await conf.client.crm.products.basicApi.create({
      properties: { name: "Consulting hour", price: "150", hs_sku: "CONS" },
      associations: [],
    });
    const item = await conf.client.crm.lineItems.basicApi.create({
      properties: { hs_product_id: product.id, quantity: "4", hs_discount_percentage: "10" },
      associations: [],
    });
    expect(item.properties).toMatchObject({
      name: "Consulting hour",
      price: "150",
      hs_sku: "CONS",
      amount: "540",
    });

    const deal = await conf.client.crm.deals.basicApi.create({
      properties: { dealname: "Won", dealstage: "closedwon" },
      associations: [
        {
          to: { id: item.id },
          types: [{ associationCategory: "HUBSPOT_DEFINED" as never, associationTypeId: 19 }],
        },
      ],
    });
    const dealRead = await conf.client.crm.deals.basicApi.getById(deal.id, [
      "amount",
      "pipeline",
      "hs_is_closed_won",
      "hs_deal_stage_probability",
    ]);
    expect(dealRead.properties).toMatchObject({
      amount: "540",
      pipeline: "default",
      hs_is_closed_won: "true",
      hs_deal_stage_probability: "1",
    });

    const invoice = await conf.client.crm.commerce.invoices.basicApi.create({
      properties: { hs_currency: "EUR" },
      associations: [],
    });
    expect(invoice.properties).toMatchObject({
      hs_invoice_status: "draft",
      hs_invoice_date: "2026-03-02",
      hs_due_date: "2026-04-01",
    });
    expect(invoice.properties.hs_number).toMatch(/^INV-\d+$/);
    const opening = await failureOf(
      conf.client.crm.commerce.invoices.basicApi.update(invoice.id, {
        properties: { hs_invoice_status: "open" },
      }),
    );
    expect(opening.code).toBe(400);
    expect(opening.body).toMatchObject({ category: "VALIDATION_ERROR" });
  });

  it("reads by a unique property and pages with after cursors and links", async () => {
    for (let i = 0; i < 3; i++)
      await conf.client.crm.companies.basicApi.create({
        properties: { name: `Paged ${i}` },
        associations: [],
      });
    const first = await conf.client.crm.companies.basicApi.getPage(2);
    expect(first.results).toHaveLength(2);
    expect(first.paging?.next?.after).toMatch(/^\d+$/);
    expect(first.paging?.next?.link).toContain(`after=${first.paging?.next?.after}`);
    const second = await conf.client.crm.companies.basicApi.getPage(2, first.paging?.next?.after);
    expect(second.results[0]!.id).toBe(first.paging?.next?.after);

    const contact = await conf.client.crm.contacts.basicApi.create({
      properties: { email: "unique@example.com" },
      associations: [],
    });
    const byEmail = await conf.client.crm.contacts.basicApi.getById(
      "unique@example.com",
      undefined,
      undefined,
      undefined,
      false,
      "email",
    );
    expect(byEmail.id).toBe(contact.id);
  });

  it("answers 409, 400 and 404 with HubSpot's error bodies", async () => {
    const jane = await conf.client.crm.contacts.basicApi.create({
      properties: { email: "dupe@example.com" },
      associations: [],
    });
    const conflict = await failureOf(
      conf.client.crm.contacts.basicApi.create({
        properties: { email: "dupe@example.com" },
        associations: [],
      }),
    );
    expect(conflict).toMatchObject({
      code: 409,
      body: {
        status: "error",
        category: "CONFLICT",
        message: `Contact already exists. Existing ID: ${jane.id}`,
      },
    });
    expect(conflict.body.correlationId).toMatch(/^[0-9a-f-]{36}$/);

    const invalid = await raw(conf, "POST", "/crm/v3/objects/deals", {
      properties: { dealname: "X", qbo_id: "1", dealstage: "nope", amount: "12abc" },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ status: "error", category: "VALIDATION_ERROR" });
    expect(String(invalid.body.message)).toMatch(/^Property values were not valid: \[/);
    const codes = (invalid.body.errors as Array<{ code: string }>).map((e) => e.code);
    expect(codes).toEqual(["PROPERTY_DOESNT_EXIST", "INVALID_OPTION", "INVALID_DOUBLE"]);
    const embedded = JSON.parse(
      String(invalid.body.message).replace("Property values were not valid: ", ""),
    ) as unknown[];
    expect(embedded[0]).toMatchObject({
      isValid: false,
      error: "PROPERTY_DOESNT_EXIST",
      name: "qbo_id",
      portalId: conf.portalId,
    });

    const missing = await raw(conf, "GET", "/crm/v3/objects/contacts/999999999");
    expect(missing).toMatchObject({ status: 404, body: { status: "error", category: "OBJECT_NOT_FOUND" } });
  });

  it("serves the date-versioned paths and object type ids like the v3 names", async () => {
    const created = await raw(conf, "POST", "/crm/objects/2026-03/0-2", { properties: { name: "Dated" } });
    expect(created.status).toBe(201);
    const read = await raw(
      conf,
      "GET",
      `/crm/v3/objects/companies/${String(created.body.id)}?properties=name`,
    );
    expect(read.body).toMatchObject({ properties: { name: "Dated" } });
  });
});
