import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failureOf, raw, startConformance, type Conformance } from "./harness.ts";

let conf: Conformance;
beforeAll(async () => {
  conf = await startConformance();
});
afterAll(() => conf.close());

describe("Properties API through @hubspot/api-client (X-HS)", () => {
  it("lists HubSpot's default properties per object type", async () => {
    const deals = await conf.client.crm.properties.coreApi.getAll("deals");
    const names = deals.results.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "dealname",
        "amount",
        "dealstage",
        "pipeline",
        "closedate",
        "deal_currency_code",
        "hubspot_owner_id",
      ]),
    );
    const stage = await conf.client.crm.properties.coreApi.getByName("deals", "dealstage");
    expect(stage.options.map((o) => o.value)).toContain("closedwon");
    const invoices = await conf.client.crm.properties.coreApi.getAll("invoices");
    expect(invoices.results.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        "hs_currency",
        "hs_number",
        "hs_due_date",
        "hs_invoice_status",
        "hs_amount_billed",
        "hs_balance_due",
      ]),
    );
  });

  it("creates a group and an enumeration property, then validates values against it", async () => {
    const group = await conf.client.crm.properties.groupsApi.create("deals", {
      name: "quickbooks",
      label: "QuickBooks",
      displayOrder: -1,
    });
    expect(group).toMatchObject({ name: "quickbooks", archived: false });
    const created = await conf.client.crm.properties.coreApi.create("deals", {
      name: "qbo_invoice_status",
      label: "QBO invoice status",
      type: "enumeration" as never,
      fieldType: "select" as never,
      groupName: "quickbooks",
      options: [
        { label: "Open", value: "open", displayOrder: 0, hidden: false },
        { label: "Paid", value: "paid", displayOrder: 1, hidden: false },
      ],
    });
    expect(created).toMatchObject({
      name: "qbo_invoice_status",
      hubspotDefined: false,
      groupName: "quickbooks",
    });

    const ok = await conf.client.crm.deals.basicApi.create({
      properties: { dealname: "D", qbo_invoice_status: "paid" },
      associations: [],
    });
    expect(ok.properties.qbo_invoice_status).toBe("paid");
    const bad = await raw(conf, "POST", "/crm/v3/objects/deals", {
      properties: { qbo_invoice_status: "lost" },
    });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as Array<{ code: string }>)[0]?.code).toBe("INVALID_OPTION");

    const updated = await conf.client.crm.properties.coreApi.update("deals", "qbo_invoice_status", {
      label: "QuickBooks status",
    });
    expect(updated.label).toBe("QuickBooks status");

    const again = await failureOf(
      conf.client.crm.properties.coreApi.create("deals", {
        name: "qbo_invoice_status",
        label: "x",
        type: "string" as never,
        fieldType: "text" as never,
        groupName: "quickbooks",
      }),
    );
    expect(again).toMatchObject({ code: 409, body: { category: "CONFLICT" } });

    await conf.client.crm.properties.coreApi.archive("deals", "qbo_invoice_status");
    expect(
      (await failureOf(conf.client.crm.properties.coreApi.getByName("deals", "qbo_invoice_status"))).code,
    ).toBe(404);
    const archived = await conf.client.crm.properties.coreApi.getAll("deals", true);
    expect(archived.results.map((p) => p.name)).toEqual(["qbo_invoice_status"]);
  });

  it("refuses a field type the type does not allow, a missing group, and changing HubSpot's own properties", async () => {
    const wrongField = await raw(conf, "POST", "/crm/v3/properties/contacts", {
      name: "qbo_balance",
      label: "Balance",
      type: "number",
      fieldType: "text",
      groupName: "contactinformation",
    });
    expect(wrongField).toMatchObject({ status: 400, body: { category: "VALIDATION_ERROR" } });
    const noGroup = await raw(conf, "POST", "/crm/v3/properties/contacts", {
      name: "qbo_balance",
      label: "Balance",
      type: "number",
      fieldType: "number",
      groupName: "nope",
    });
    expect(noGroup.status).toBe(400);
    const own = await raw(conf, "PATCH", "/crm/v3/properties/contacts/email", { label: "E-mail" });
    expect(own.status).toBe(400);
  });

  it("enforces a custom unique property like HubSpot's idProperty", async () => {
    await conf.client.crm.properties.coreApi.create("contacts", {
      name: "qbo_customer_id",
      label: "QBO customer id",
      type: "string" as never,
      fieldType: "text" as never,
      groupName: "contactinformation",
      hasUniqueValue: true,
    });
    const first = await conf.client.crm.contacts.basicApi.create({
      properties: { qbo_customer_id: "58" },
      associations: [],
    });
    const clash = await failureOf(
      conf.client.crm.contacts.basicApi.create({ properties: { qbo_customer_id: "58" }, associations: [] }),
    );
    expect(clash.code).toBe(409);
    const byQboId = await conf.client.crm.contacts.basicApi.getById(
      "58",
      undefined,
      undefined,
      undefined,
      false,
      "qbo_customer_id",
    );
    expect(byQboId.id).toBe(first.id);
  });
});
