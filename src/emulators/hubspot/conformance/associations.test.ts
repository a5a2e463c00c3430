import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { raw, startConformance, type Conformance } from "./harness.ts";

let conf: Conformance;
beforeAll(async () => {
  conf = await startConformance();
});
afterAll(() => conf.close());

const create = async (type: string, properties: Record<string, string>) =>
  (await conf.client.crm.objects.basicApi.create(type, { properties, associations: [] })).id;

describe("Associations v4 through @hubspot/api-client (X-HS)", () => {
  it("associates by default and with labels, lists, reads in batch and removes", async () => {
    const deal = await create("deals", { dealname: "Assoc" });
    const contact = await create("contacts", { email: "assoc@example.com" });
    const company = await create("companies", { name: "Assoc Inc" });

    const byDefault = await conf.client.crm.associations.v4.basicApi.createDefault(
      "deals",
      deal,
      "contacts",
      contact,
    );
    expect(byDefault.results[0]).toMatchObject({ associationSpec: { associationTypeId: 3 } });

    const labelled = await conf.client.crm.associations.v4.basicApi.create(
      "deals",
      deal,
      "companies",
      company,
      [{ associationCategory: "HUBSPOT_DEFINED" as never, associationTypeId: 5 }],
    );
    expect(labelled).toMatchObject({ fromObjectTypeId: "0-3", toObjectTypeId: "0-2", labels: ["Primary"] });
    expect(String(labelled.toObjectId)).toBe(company);

    const list = await conf.client.crm.associations.v4.basicApi.getPage("deals", deal, "companies");
    expect(list.results[0]!.associationTypes.map((t) => t.typeId).sort((a, b) => a - b)).toEqual([5, 341]);
    const fromCompany = await raw(conf, "GET", `/crm/v4/objects/companies/${company}/associations/deals`);
    expect(fromCompany.body).toMatchObject({ results: [{ toObjectId: Number(deal) }] });

    const batch = await conf.client.crm.associations.v4.batchApi.getPage("deals", "contacts", {
      inputs: [{ id: deal }],
    });
    expect(batch.results[0]).toMatchObject({ _from: { id: deal } });
    expect(String(batch.results[0]!.to[0]!.toObjectId)).toBe(contact);

    const v3 = await conf.client.crm.deals.basicApi.getById(deal, ["dealname"], undefined, [
      "contacts",
      "companies",
    ]);
    expect(v3.associations?.contacts?.results).toEqual([{ id: contact, type: "deal_to_contact" }]);
    expect(v3.associations?.companies?.results.map((r) => r.type).sort()).toEqual([
      "deal_to_company",
      "deal_to_company_unlabeled",
    ]);

    await conf.client.crm.associations.v4.basicApi.archive("deals", deal, "contacts", contact);
    expect(
      (await conf.client.crm.associations.v4.basicApi.getPage("deals", deal, "contacts")).results,
    ).toEqual([]);
  });

  it("creates associations in batch and with a v3 create body, and refuses a wrong type id", async () => {
    const invoice = await create("invoices", { hs_currency: "USD" });
    const contacts = [
      await create("contacts", { email: "i1@example.com" }),
      await create("contacts", { email: "i2@example.com" }),
    ];
    const created = await conf.client.crm.associations.v4.batchApi.create("invoices", "contacts", {
      inputs: contacts.map((id) => ({
        _from: { id: invoice },
        to: { id },
        types: [{ associationCategory: "HUBSPOT_DEFINED" as never, associationTypeId: 177 }],
      })),
    });
    expect(created.results).toHaveLength(2);

    const item = await conf.client.crm.lineItems.basicApi.create({
      properties: { name: "Widget", price: "10", quantity: "3" },
      associations: [
        {
          to: { id: invoice },
          types: [{ associationCategory: "HUBSPOT_DEFINED" as never, associationTypeId: 410 }],
        },
      ],
    });
    const invoiceRead = await conf.client.crm.commerce.invoices.basicApi.getById(invoice, [
      "hs_amount_billed",
      "hs_balance_due",
    ]);
    expect(invoiceRead.properties).toMatchObject({ hs_amount_billed: "30", hs_balance_due: "30" });
    const opened = await conf.client.crm.commerce.invoices.basicApi.update(invoice, {
      properties: { hs_invoice_status: "open" },
    });
    expect(opened.properties.hs_invoice_status).toBe("open");
    expect(item.id).toMatch(/^\d+$/);

    const wrong = await raw(
      conf,
      "PUT",
      `/crm/v4/objects/invoices/${invoice}/associations/contacts/${contacts[0]}`,
      [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 3 }],
    );
    expect(wrong).toMatchObject({ status: 400, body: { category: "VALIDATION_ERROR" } });

    await conf.client.crm.associations.v4.batchApi.archive("invoices", "contacts", {
      inputs: [{ _from: { id: invoice }, to: contacts.map((id) => ({ id })) }],
    });
    const after = await raw(conf, "POST", "/crm/v4/associations/invoices/contacts/batch/read", {
      inputs: [{ id: invoice }],
    });
    expect(after.status).toBe(207);
  });

  it("serves the legacy v3 batch read", async () => {
    const deal = await create("deals", { dealname: "Legacy" });
    const contact = await create("contacts", { email: "legacy@example.com" });
    await conf.client.crm.associations.v4.basicApi.createDefault("contacts", contact, "deals", deal);
    const v3 = await raw(conf, "POST", "/crm/v3/associations/deals/contacts/batch/read", {
      inputs: [{ id: deal }],
    });
    expect(v3.body).toMatchObject({
      results: [{ from: { id: deal }, to: [{ id: contact, type: "deal_to_contact" }] }],
    });
  });
});
