import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/support/db.ts";
import { startStack, type Stack } from "../../../test/support/stack.ts";
import { ManualClock } from "../../lib/clock.ts";
import { pullQboChanges } from "../changes/jobs.ts";
import { syncSettingsSchema, type SyncSettings } from "../settings/schema.ts";
import { saveSettings } from "../settings/store.ts";
import { ensureSyncSetup } from "../settings/setup.ts";

/** Invoice sync QBO → HubSpot (V1–V4): invoice objects with line items, contact, status, delete rule. */
describeEachBackend("invoice sync to HubSpot invoice objects (V1–V4)", (db) => {
  const clock = new ManualClock("2026-11-02T17:00:00Z");
  let stack: Stack;
  let us: string;
  let conn: string;
  let itemId: string;

  beforeAll(async () => {
    stack = await startStack(db(), clock);
    us = stack.companies.us.realmId;
    conn = stack.companies.us.connectionId;
    await ensureSyncSetup(db().db, conn, clock.now());
    clock.advance(10 * 60_000);
    await pull();
    const items = await stack.qboApi(
      us,
      "GET",
      `/query?query=${encodeURIComponent("SELECT * FROM Item WHERE Name = 'Design'")}`,
    );
    itemId = items.body.QueryResponse.Item[0].Id;
  });
  afterAll(() => stack.close());
  beforeEach(() => clock.advance(5 * 60_000));

  async function pull() {
    await stack.queue.enqueue(db().db, pullQboChanges, { connectionId: conn, reason: "timer" });
    while ((await stack.drain()) > 0);
  }
  async function settings(change: (s: SyncSettings) => void) {
    const s = syncSettingsSchema.parse({});
    s.contacts.enabled = true;
    s.contacts.direction = "to_hubspot";
    s.invoices.enabled = true;
    change(s);
    await saveSettings(db().db, conn, s, clock.now());
  }
  async function customerWithInvoice(name: string) {
    const customer = (
      await stack.qboApi(us, "POST", "/customer", {
        DisplayName: name,
        PrimaryEmailAddr: { Address: `${name.replace(/\W/g, "").toLowerCase()}@example.com` },
      })
    ).body.Customer;
    const invoice = (
      await stack.qboApi(us, "POST", "/invoice", {
        CustomerRef: { value: customer.Id },
        TxnDate: "2026-11-02",
        DueDate: "2026-12-02",
        Line: [
          {
            Amount: 150,
            DetailType: "SalesItemLineDetail",
            Description: "Design work",
            SalesItemLineDetail: { ItemRef: { value: itemId }, Qty: 2, UnitPrice: 75 },
          },
          {
            Amount: 50,
            DetailType: "SalesItemLineDetail",
            SalesItemLineDetail: { ItemRef: { value: itemId }, Qty: 1, UnitPrice: 50 },
          },
        ],
      })
    ).body.Invoice;
    return { customer, invoice };
  }
  async function invoiceObject(invoiceId: string) {
    const res = await stack.hs("POST", "/crm/v3/objects/invoices/search", {
      filterGroups: [
        { filters: [{ propertyName: "qbo_invoice_key", operator: "EQ", value: `${us}:${invoiceId}` }] },
      ],
      properties: [
        "hs_invoice_status",
        "qbo_invoice_status",
        "qbo_invoice_number",
        "hs_due_date",
        "hs_amount_billed",
      ],
    });
    return res.body.results[0] as { id: string; properties: Record<string, string | null> } | undefined;
  }
  const associated = async (id: string, type: string) =>
    (
      (await stack.hs("GET", `/crm/v4/objects/invoices/${id}/associations/${type}`)).body.results as Array<{
        toObjectId: number | string;
      }>
    ).map((r) => String(r.toObjectId));

  it("turns a new QBO invoice into an open HubSpot invoice with its line items and its customer's contact", async () => {
    await settings(() => {});
    const { customer, invoice } = await customerWithInvoice("Vera Sync");
    await pull();
    const object = await invoiceObject(invoice.Id);
    expect(object?.properties).toMatchObject({
      hs_invoice_status: "open",
      qbo_invoice_status: "awaiting_send",
      hs_due_date: "2026-12-02",
    });
    expect(await associated(object!.id, "line_items")).toHaveLength(2);
    const contact = await db()
      .db.selectFrom("recordLinks")
      .select("hubspotId")
      .where("qboId", "=", customer.Id)
      .where("kind", "=", "contact")
      .executeTakeFirstOrThrow();
    expect(await associated(object!.id, "contacts")).toEqual([contact.hubspotId]);
    // A rerun of the mirror changes nothing: still two line items.
    await pull();
    expect(await associated(object!.id, "line_items")).toHaveLength(2);

    const paid = await stack.qboApi(us, "POST", "/payment", {
      CustomerRef: { value: customer.Id },
      TotalAmt: 200,
      Line: [{ Amount: 200, LinkedTxn: [{ TxnId: invoice.Id, TxnType: "Invoice" }] }],
    });
    expect(paid.status).toBe(200);
    stack.hubspot.requests.clear();
    await pull();
    expect((await invoiceObject(invoice.Id))?.properties).toMatchObject({
      hs_invoice_status: "paid",
      qbo_invoice_status: "paid",
    });
    // The update upserted the same object: its contact association stands and is not written again.
    const putsSince = stack.hubspot.requests
      .list()
      .filter(
        (r) =>
          r.method === "PUT" &&
          r.path.startsWith(`/crm/v4/objects/invoices/${object!.id}/associations/default/contacts`),
      );
    expect(putsSince).toEqual([]);
    expect(await associated(object!.id, "contacts")).toEqual([contact.hubspotId]);
  });

  it("archives the HubSpot invoice of a voided invoice with the archive rule, and keeps it voided otherwise", async () => {
    for (const deleteRule of ["archive", "none"] as const) {
      await settings((s) => {
        s.invoices.deleteRule = deleteRule;
      });
      const { invoice } = await customerWithInvoice(`Void ${deleteRule}`);
      await pull();
      expect(await invoiceObject(invoice.Id)).toBeDefined();
      clock.advance(60_000);
      const fresh = (await stack.qboApi(us, "GET", `/invoice/${invoice.Id}`)).body.Invoice;
      expect(
        (
          await stack.qboApi(us, "POST", "/invoice?operation=void", {
            Id: fresh.Id,
            SyncToken: fresh.SyncToken,
          })
        ).status,
      ).toBe(200);
      await pull();
      const after = await invoiceObject(invoice.Id);
      if (deleteRule === "archive") expect(after).toBeUndefined();
      else
        expect(after?.properties).toMatchObject({
          qbo_invoice_status: "voided",
          hs_invoice_status: "voided",
        });
    }
  });

  it("leaves new invoices alone when invoice sync is off or only updates", async () => {
    let n = 0;
    for (const change of [
      (s: SyncSettings) => void (s.invoices.enabled = false),
      (s: SyncSettings) => void (s.invoices.createUpdate = "update_only"),
    ]) {
      await settings(change);
      const { invoice } = await customerWithInvoice(`Alone ${++n}`);
      await pull();
      expect(await invoiceObject(invoice.Id)).toBeUndefined();
      expect(
        await db()
          .db.selectFrom("invoices")
          .select("invoiceKey")
          .where("qboInvoiceId", "=", invoice.Id)
          .where("connectionId", "=", conn)
          .executeTakeFirst(),
      ).toBeUndefined();
    }
  });
});
