import { beforeAll, beforeEach, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/support/db.ts";
import type { Stack } from "../../../test/support/stack.ts";
import { useSyncStack } from "../../../test/support/record-sync.ts";
import { ManualClock } from "../../lib/clock.ts";
import { CONTACT_KIND, PRODUCT_KIND } from "./kinds.ts";
import { insertMapping } from "../settings/repo/field-mappings.ts";

/**
 * Product sync, customers as companies, the phone key and added mappings (P1–P3, C,
 * M2), against both emulators, the same way as records.int.test.ts.
 */
describeEachBackend("product sync, company mode and mappings (P1–P3, C, M2)", (db) => {
  const clock = new ManualClock("2026-11-02T17:00:00Z");
  const h = useSyncStack(db, clock);
  const { pull, settings, fromHubSpot, createCustomer, contactByKey } = h;
  let stack: Stack;
  let us: string;
  let conn: string;
  beforeAll(() => {
    ({ stack, us, conn } = h);
  });
  beforeEach(() => clock.advance(5 * 60_000));

  it("matches a product whose SKU differs only in case, and creates one that fits nothing", async () => {
    await settings((s) => {
      s.products.enabled = true;
      s.products.direction = "to_qbo";
    });
    const item = await stack.qboApi(us, "POST", "/item", {
      Name: "Case Kit",
      Sku: "CASE-KIT-1",
      Type: "Service",
      UnitPrice: 10,
      IncomeAccountRef: {
        value: (
          await stack.qboApi(
            us,
            "GET",
            `/query?query=${encodeURIComponent("SELECT * FROM Account WHERE AccountType = 'Income'")}`,
          )
        ).body.QueryResponse.Account[0].Id,
      },
    });
    const product = await stack.hs("POST", "/crm/v3/objects/products", {
      properties: { name: "Case kit (HubSpot)", hs_sku: "case-kit-1", price: "12" },
    });
    expect((await fromHubSpot(PRODUCT_KIND, product.body.id))?.outcome).toBe("ok");
    const link = await db()
      .db.selectFrom("recordLinks")
      .selectAll()
      .where("hubspotId", "=", product.body.id)
      .executeTakeFirstOrThrow();
    expect(link.qboId).toBe(item.body.Item.Id);
    const fresh = await stack.hs("POST", "/crm/v3/objects/products", {
      properties: { name: "Brand New Widget", hs_sku: "BNW-1", price: "3.5" },
    });
    await fromHubSpot(PRODUCT_KIND, fresh.body.id);
    const created = await db()
      .db.selectFrom("recordLinks")
      .selectAll()
      .where("hubspotId", "=", fresh.body.id)
      .executeTakeFirstOrThrow();
    const newItem = (await stack.qboApi(us, "GET", `/item/${created.qboId}`)).body.Item;
    expect(newItem).toMatchObject({ Name: "Brand New Widget", Sku: "BNW-1", UnitPrice: 3.5 });
  });

  it("syncs a customer as a HubSpot company with its primary contact when set so", async () => {
    await settings((s) => {
      s.contacts.enabled = true;
      s.contacts.direction = "to_hubspot";
      s.contacts.customerAs = "company";
    });
    const customer = await createCustomer({
      DisplayName: "Umbrella Corp",
      CompanyName: "Umbrella Corp",
      GivenName: "Alice",
      FamilyName: "Abernathy",
      PrimaryEmailAddr: { Address: "alice@umbrella.example" },
      PrimaryPhone: { FreeFormNumber: "555-0100" },
    });
    await pull();
    const link = await db()
      .db.selectFrom("recordLinks")
      .selectAll()
      .where("qboId", "=", customer.Id)
      .where("kind", "=", "company")
      .executeTakeFirstOrThrow();
    const company = await stack.hs(
      "GET",
      `/crm/v3/objects/companies/${link.hubspotId}?properties=name,phone`,
    );
    expect(company.body.properties).toMatchObject({ name: "Umbrella Corp", phone: "555-0100" });
    const people = await stack.hs("GET", `/crm/v4/objects/companies/${link.hubspotId}/associations/contacts`);
    const contactId = String(people.body.results[0]?.toObjectId);
    const contact = await stack.hs("GET", `/crm/v3/objects/contacts/${contactId}?properties=email,firstname`);
    expect(contact.body.properties).toMatchObject({ email: "alice@umbrella.example", firstname: "Alice" });
    expect(await contactByKey(`${us}:${customer.Id}`)).toHaveLength(0); // not also a contact of its own
  });

  it("matches by phone when that key is on, and creates a product from a QBO item", async () => {
    await settings((s) => {
      s.contacts.enabled = true;
      s.contacts.direction = "to_hubspot";
      s.contacts.matchByNameAndCompany = false;
      s.contacts.matchByPhone = true;
      s.products.enabled = true;
      s.products.direction = "to_hubspot";
    });
    const existing = await stack.hs("POST", "/crm/v3/objects/contacts", {
      properties: { firstname: "Phil", lastname: "Ohn", phone: "+1 555 0199" },
    });
    const customer = await createCustomer({
      DisplayName: "Phil Ohn",
      PrimaryPhone: { FreeFormNumber: "+1 555 0199" },
    });
    const account = (
      await stack.qboApi(
        us,
        "GET",
        `/query?query=${encodeURIComponent("SELECT * FROM Account WHERE AccountType = 'Income'")}`,
      )
    ).body.QueryResponse.Account[0].Id;
    const item = (
      await stack.qboApi(us, "POST", "/item", {
        Name: "Gizmo Pro",
        Sku: "GZ-PRO",
        Type: "Service",
        UnitPrice: 42,
        IncomeAccountRef: { value: account },
      })
    ).body.Item;
    await pull();
    const link = await db()
      .db.selectFrom("recordLinks")
      .selectAll()
      .where("qboId", "=", customer.Id)
      .where("kind", "=", "contact")
      .executeTakeFirstOrThrow();
    expect(link.hubspotId).toBe(existing.body.id);
    const productLink = await db()
      .db.selectFrom("recordLinks")
      .selectAll()
      .where("qboId", "=", item.Id)
      .where("kind", "=", "product")
      .executeTakeFirstOrThrow();
    const product = await stack.hs(
      "GET",
      `/crm/v3/objects/products/${productLink.hubspotId}?properties=name,hs_sku,price`,
    );
    expect(product.body.properties).toMatchObject({ name: "Gizmo Pro", hs_sku: "GZ-PRO", price: "42" });
  });

  it("applies an added mapping in its direction only, at the next change, without a restart (M2)", async () => {
    await settings((s) => {
      s.contacts.enabled = true;
      s.contacts.direction = "two_way";
    });
    const made = await stack.hs("POST", "/crm/v3/properties/contacts", {
      name: "qbo_notes_copy",
      label: "Notes for QuickBooks",
      type: "string",
      fieldType: "text",
      groupName: "contactinformation",
    });
    expect(made.status).toBe(201);
    const now = clock.now();
    await insertMapping(
      db().db,
      conn,
      {
        object: "contact",
        hubspotProperty: "jobtitle",
        qboField: "Title",
        direction: "to_hubspot",
        isDefault: false,
      },
      now,
    );
    await insertMapping(
      db().db,
      conn,
      {
        object: "contact",
        hubspotProperty: "qbo_notes_copy",
        qboField: "Notes",
        direction: "to_qbo",
        isDefault: false,
      },
      now,
    );
    const customer = await createCustomer({
      DisplayName: "Mapped Person",
      Title: "Dr",
      Notes: "from QBO",
      PrimaryEmailAddr: { Address: "mapped@example.com" },
    });
    await pull();
    const [contact] = await contactByKey(`${us}:${customer.Id}`);
    const read = await stack.hs(
      "GET",
      `/crm/v3/objects/contacts/${contact!.id}?properties=jobtitle,qbo_notes_copy`,
    );
    expect(read.body.properties.jobtitle).toBe("Dr"); // → HubSpot
    expect(read.body.properties.qbo_notes_copy ?? null).toBeNull(); // → QuickBooks only: not the other way
    // The HubSpot side's jobtitle does not flow back (→ HubSpot only).
    await stack.hs("PATCH", `/crm/v3/objects/contacts/${contact!.id}`, { properties: { jobtitle: "Prof" } });
    await fromHubSpot(CONTACT_KIND, contact!.id);
    expect((await stack.qboApi(us, "GET", `/customer/${customer.Id}`)).body.Customer.Title).toBe("Dr");
  });
});
