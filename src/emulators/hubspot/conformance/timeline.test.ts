import { Client } from "@hubspot/api-client";
import { TimelineEventTemplateTokenTypeEnum as TokenType } from "@hubspot/api-client/lib/codegen/crm/timeline/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failureOf, raw, startConformance, type Conformance } from "./harness.ts";

let conf: Conformance;
let developer: Client;
let dealId: string;
let contactId: string;
const APP_ID = 1;

beforeAll(async () => {
  conf = await startConformance();
  developer = new Client({ developerApiKey: "ledgerlink-dev-hapikey", basePath: conf.server.url });
  const deal = await conf.client.crm.deals.basicApi.create({ properties: { dealname: "Timeline deal" } });
  const contact = await conf.client.crm.contacts.basicApi.create({
    properties: { email: "ada@example.com", firstname: "Ada" },
  });
  dealId = deal.id;
  contactId = contact.id;
});
afterAll(() => conf.close());

const templateBody = {
  name: "Invoice paid",
  objectType: "deals",
  headerTemplate: "Invoice [{{number}}]({{url}}) paid: {{amount}} {{currency}}",
  detailTemplate: "# Paid\n\nStatus: **{{status}}**\nOn {{#formatDate timestamp}}{{/formatDate}}",
  tokens: [
    { name: "number", label: "Invoice number", type: TokenType.String },
    { name: "url", label: "Invoice link", type: TokenType.String },
    { name: "amount", label: "Amount", type: TokenType.Number },
    { name: "currency", label: "Currency", type: TokenType.String },
    { name: "paidOn", label: "Paid on", type: TokenType.Date },
    {
      name: "status",
      label: "Status",
      type: TokenType.Enumeration,
      options: [
        { label: "Paid", value: "paid" },
        { label: "Partially paid", value: "partially_paid" },
      ],
    },
  ],
};

describe("Timeline event templates and events through @hubspot/api-client", () => {
  it("creates, lists, reads, updates and deletes an app's templates and tokens with the developer key", async () => {
    const api = developer.crm.timeline.templatesApi;
    const created = await api.create(APP_ID, templateBody);
    expect(created).toMatchObject({ name: "Invoice paid", objectType: "deals" });
    expect(created.tokens.map((t) => [t.name, t.type])).toContainEqual(["amount", "number"]);
    expect((await api.getAll(APP_ID)).results.map((t) => t.id)).toContain(created.id);
    expect(await api.getById(created.id, APP_ID)).toMatchObject({ id: created.id });

    const renamed = await api.update(created.id, APP_ID, { ...templateBody, id: created.id, name: "Paid" });
    expect(renamed.name).toBe("Paid");
    const tokens = developer.crm.timeline.tokensApi;
    await tokens.create(created.id, APP_ID, { name: "note", label: "Note", type: TokenType.String });
    await tokens.update(created.id, "note", APP_ID, { label: "Remark" });
    expect((await api.getById(created.id, APP_ID)).tokens.find((t) => t.name === "note")?.label).toBe(
      "Remark",
    );
    await tokens.archive(created.id, "note", APP_ID);
    await api.archive(created.id, APP_ID);
    expect((await failureOf(api.getById(created.id, APP_ID))).code).toBe(404);
  });

  it("refuses a template without a known object type or an enumeration without options, and a wrong key", async () => {
    const api = developer.crm.timeline.templatesApi;
    const badType = await failureOf(api.create(APP_ID, { ...templateBody, objectType: "products" }));
    expect(badType).toMatchObject({ code: 400, body: { category: "VALIDATION_ERROR" } });
    const noOptions = await failureOf(
      api.create(APP_ID, {
        ...templateBody,
        tokens: [{ name: "s", label: "S", type: TokenType.Enumeration }],
      }),
    );
    expect(noOptions.code).toBe(400);
    const stranger = new Client({ developerApiKey: "wrong", basePath: conf.server.url });
    expect((await failureOf(stranger.crm.timeline.templatesApi.getAll(APP_ID))).code).toBe(401);
  });

  it("writes an event once per id, reads it back, renders header and detail, and answers 409 for the same id", async () => {
    const template = await developer.crm.timeline.templatesApi.create(APP_ID, templateBody);
    const event = {
      eventTemplateId: template.id,
      id: "realm-1:inv-7:paid",
      objectId: dealId,
      timestamp: new Date("2026-03-02T10:00:00Z"),
      tokens: {
        number: "1007",
        url: "https://example.com/inv/7",
        amount: "120.5",
        currency: "USD",
        paidOn: "1772445600000",
        status: "paid",
      },
      timelineIFrame: {
        linkLabel: "Open invoice",
        headerLabel: "Invoice 1007",
        url: "https://example.com/inv/7",
        width: 600,
        height: 400,
      },
    };
    const events = conf.client.crm.timeline.eventsApi;
    const written = await events.create(event);
    expect(written).toMatchObject({ id: event.id, objectType: "deals", objectId: dealId });
    expect(await events.getById(template.id, event.id)).toMatchObject({
      tokens: { amount: "120.5", status: "paid" },
      timelineIFrame: { url: "https://example.com/inv/7" },
    });
    const again = await failureOf(events.create(event));
    expect(again).toMatchObject({ code: 409, body: { category: "CONFLICT" } });

    const header = await events.getRenderById(template.id, event.id);
    expect(header).toContain('<a href="https://example.com/inv/7"');
    expect(header).toContain("paid: 120.5 USD");
    const detail = await events.getDetailById(template.id, event.id);
    expect(detail.details).toContain("<h1>Paid</h1>");
    expect(detail.details).toContain("<strong>paid</strong>");
    expect(detail.details).toContain("Mar 2, 2026");
  });

  it("validates tokens against the template and the record against the portal", async () => {
    const template = await developer.crm.timeline.templatesApi.create(APP_ID, templateBody);
    const events = conf.client.crm.timeline.eventsApi;
    const base = { eventTemplateId: template.id, objectId: dealId };
    const unknown = await failureOf(events.create({ ...base, tokens: { colour: "red" } }));
    expect(unknown).toMatchObject({ code: 400, body: { category: "VALIDATION_ERROR" } });
    expect((await failureOf(events.create({ ...base, tokens: { amount: "lots" } }))).code).toBe(400);
    expect((await failureOf(events.create({ ...base, tokens: { status: "void" } }))).code).toBe(400);
    expect((await failureOf(events.create({ ...base, tokens: { paidOn: "yesterday" } }))).code).toBe(400);
    const missing = await failureOf(events.create({ ...base, objectId: "999999", tokens: {} }));
    expect(missing.code).toBe(404);
    const other = await failureOf(events.create({ eventTemplateId: "42", objectId: dealId, tokens: {} }));
    expect(other.code).toBe(404);
  });

  it("finds a contact by email, writes batches (207 for the refused ones) and needs the timeline scope", async () => {
    const template = await developer.crm.timeline.templatesApi.create(APP_ID, {
      ...templateBody,
      objectType: "contacts",
    });
    const events = conf.client.crm.timeline.eventsApi;
    const byEmail = await events.create({
      eventTemplateId: template.id,
      email: "ADA@example.com",
      tokens: {},
    });
    expect(byEmail.objectId).toBe(contactId);

    const batch = await raw(conf, "POST", "/integrators/timeline/v3/events/batch/create", {
      inputs: [
        { eventTemplateId: template.id, id: "b-1", objectId: contactId, tokens: { amount: 1 } },
        { eventTemplateId: template.id, id: "b-1", objectId: contactId, tokens: {} },
      ],
    });
    expect(batch.status).toBe(207);
    expect(batch.body).toMatchObject({ numErrors: 1, results: [{ id: "b-1" }] });

    const narrow = conf.emulator.issueToken(conf.portalId, {
      scopes: ["crm.objects.deals.read"],
    }).access_token;
    const refused = await failureOf(
      conf
        .clientWith(narrow)
        .crm.timeline.eventsApi.create({ eventTemplateId: template.id, objectId: contactId, tokens: {} }),
    );
    expect(refused).toMatchObject({ code: 403, body: { category: "MISSING_SCOPES" } });
  });

  it("shows a record's events on its page, newest first, with the rendered header and the link, in both languages", async () => {
    const template = await developer.crm.timeline.templatesApi.create(APP_ID, templateBody);
    const events = conf.client.crm.timeline.eventsApi;
    for (const [id, at] of [
      ["page-old", "2026-01-01T00:00:00Z"],
      ["page-new", "2026-02-01T00:00:00Z"],
    ] as const)
      await events.create({
        eventTemplateId: template.id,
        id,
        objectId: dealId,
        timestamp: new Date(at),
        tokens: { number: id, url: "https://example.com/x", amount: "1", currency: "USD", status: "paid" },
        timelineIFrame: {
          linkLabel: "Open invoice",
          headerLabel: "Invoice",
          url: "https://example.com/x",
          width: 1,
          height: 1,
        },
      });
    const page = await fetch(`${conf.server.url}/contacts/${conf.portalId}/record/0-3/${dealId}?lang=en`);
    const html = await page.text();
    expect(html).toContain("Activity timeline");
    expect(html.indexOf('data-event-id="page-new"')).toBeLessThan(html.indexOf('data-event-id="page-old"'));
    expect(html).toContain(">page-new</a> paid: 1 USD");
    expect(html).toContain('class="timeline-link" href="https://example.com/x"');
    const ja = await (
      await fetch(`${conf.server.url}/contacts/${conf.portalId}/record/0-3/${dealId}?lang=ja`)
    ).text();
    expect(ja).toContain("アクティビティータイムライン");
  });
});
