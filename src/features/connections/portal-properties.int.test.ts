import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/support/db.ts";
import { startStack, type Stack } from "../../../test/support/stack.ts";
import { ManualClock } from "../../lib/clock.ts";
import { PORTAL_PROPERTIES, PROPERTY_GROUPS } from "./portal-properties.ts";

/* eslint-disable @typescript-eslint/no-explicit-any -- HubSpot JSON, read as HubSpot sends it */

/**
 * W1: the deal properties and the invoice objects are ordinary HubSpot properties that HubSpot's
 * own lists, workflows and reports can filter and chart: proven against the HubSpot emulator's
 * properties and search APIs after a real set-up and real syncs (numbers compare as numbers,
 * dates as dates, enumerations have labelled options and refuse anything else).
 */
describeEachBackend("HubSpot can filter and chart Ledgerlink's properties (W1)", (db) => {
  const clock = new ManualClock("2026-11-02T17:00:00Z");
  let stack: Stack;
  let small: string; // the deal with the 600.00 invoice due 2026-12-01
  let large: string; // the deal with the 1,500.00 invoice due 2027-01-15

  beforeAll(async () => {
    stack = await startStack(db(), clock);
    const deals = (await stack.hs("GET", "/crm/v3/objects/deals?limit=2")).body.results;
    [small, large] = deals.map((d: any) => d.id);
    const realm = stack.companies.us.realmId;
    const q = (s: string) => `/query?query=${encodeURIComponent(s)}`;
    const customer = (await stack.qboApi(realm, "GET", q("SELECT * FROM Customer"))).body.QueryResponse
      .Customer[0];
    const item = (await stack.qboApi(realm, "GET", q("SELECT * FROM Item"))).body.QueryResponse.Item[0];
    for (const [dealId, amount, due] of [
      [small, 600, "2026-12-01"],
      [large, 1500, "2027-01-15"],
    ] as const) {
      const inv = await stack.qboApi(realm, "POST", "/invoice", {
        CustomerRef: { value: customer.Id },
        DueDate: due,
        Line: [
          {
            DetailType: "SalesItemLineDetail",
            Amount: amount,
            SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: amount },
          },
        ],
      });
      await stack.follow("us", [inv.body.Invoice], [{ objectType: "deals", objectId: dealId }]);
    }
    await stack.drain();
  });
  afterAll(() => stack.close());

  const search = async (type: string, filters: unknown[], sorts: unknown[] = []) => {
    const res = await stack.hs("POST", `/crm/v3/objects/${type}/search`, {
      filterGroups: [{ filters }],
      sorts,
      properties: ["qbo_invoice_amount", "qbo_invoice_status"],
      limit: 100,
    });
    expect(res.status).toBe(200);
    return res.body.results.map((r: any) => r.id) as string[];
  };

  it("has every property with its HubSpot type, field type, group and an English label", async () => {
    for (const group of PROPERTY_GROUPS) {
      const res = await stack.hs("GET", `/crm/v3/properties/${group.objectType}/groups/${group.name}`);
      expect(res.body).toMatchObject({ name: group.name, label: group.label.en });
    }
    for (const spec of PORTAL_PROPERTIES) {
      const res = await stack.hs("GET", `/crm/v3/properties/${spec.objectType}/${spec.name}`);
      expect(res.status, `${spec.objectType}.${spec.name}`).toBe(200);
      expect(res.body).toMatchObject({
        name: spec.name,
        label: spec.label.en,
        type: spec.type,
        fieldType: spec.fieldType,
        groupName: spec.groupName,
        hidden: false,
      });
      expect(res.body.label).toMatch(/^[\x20-\x7e]+$/); // English, for reports read across a team
    }
  });

  it("types amounts as numbers, due dates as dates and statuses as labelled options", async () => {
    const prop = async (type: string, name: string) =>
      (await stack.hs("GET", `/crm/v3/properties/${type}/${name}`)).body;
    expect(await prop("deals", "qbo_invoice_amount")).toMatchObject({ type: "number", fieldType: "number" });
    expect(await prop("invoices", "qbo_invoice_amount")).toMatchObject({ type: "number" });
    expect(await prop("invoices", "qbo_invoice_balance")).toMatchObject({ type: "number" });
    expect(await prop("deals", "qbo_invoice_due_date")).toMatchObject({ type: "date", fieldType: "date" });
    for (const type of ["deals", "invoices"]) {
      const status = await prop(type, "qbo_invoice_status");
      expect(status).toMatchObject({ type: "enumeration", fieldType: "select" });
      const options = status.options as Array<{
        value: string;
        label: string;
        displayOrder: number;
        hidden: boolean;
      }>;
      expect(options.map((o) => o.value)).toEqual(
        expect.arrayContaining(["awaiting_send", "sent", "partially_paid", "paid", "overdue"]),
      );
      for (const o of options) {
        expect(o.label).toMatch(/^[A-Z][a-z ]+$/); // "Paid in full": a chart legend, in English
        expect(o.hidden).toBe(false);
      }
      expect(new Set(options.map((o) => o.displayOrder)).size).toBe(options.length); // a stable chart order
    }
  });

  it("lets HubSpot filter and sort the synced deals by amount, due date and status", async () => {
    // As text "600" > "1000"; as numbers it is not: only the 1,500.00 deal is over 1,000.
    expect(
      await search("deals", [{ propertyName: "qbo_invoice_amount", operator: "GT", value: "1000" }]),
    ).toEqual([large]);
    const dec = await search(
      "deals",
      [{ propertyName: "qbo_invoice_amount", operator: "HAS_PROPERTY" }],
      [{ propertyName: "qbo_invoice_amount", direction: "DESCENDING" }],
    );
    expect(dec).toEqual([large, small]);
    const december = [Date.UTC(2026, 11, 1), Date.UTC(2026, 11, 31)].map(String);
    expect(
      await search("deals", [
        {
          propertyName: "qbo_invoice_due_date",
          operator: "BETWEEN",
          value: december[0],
          highValue: december[1],
        },
      ]),
    ).toEqual([small]);
    expect(
      (
        await search("deals", [
          { propertyName: "qbo_invoice_status", operator: "EQ", value: "awaiting_send" },
        ])
      ).sort(),
    ).toEqual([small, large].sort());
  });

  it("lets HubSpot filter the invoice objects by amount and status", async () => {
    const over = await search("invoices", [
      { propertyName: "qbo_invoice_amount", operator: "GTE", value: "1000" },
    ]);
    expect(over).toHaveLength(1);
    const open = await search("invoices", [
      { propertyName: "qbo_invoice_status", operator: "IN", values: ["awaiting_send", "overdue"] },
    ]);
    expect(open).toHaveLength(2);
  });

  it("refuses values outside a property's type, so workflows never meet one", async () => {
    for (const [name, value] of [
      ["qbo_invoice_status", "lost"],
      ["qbo_invoice_amount", "lots"],
      ["qbo_invoice_due_date", "next week"],
    ] as const) {
      const res = await stack.hs("PATCH", `/crm/v3/objects/deals/${small}`, {
        properties: { [name]: value },
      });
      expect(res.status, name).toBe(400);
    }
  });
});
