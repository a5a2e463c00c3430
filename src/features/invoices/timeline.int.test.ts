import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/support/db.ts";
import { HUBSPOT_APP, startStack, type Stack } from "../../../test/support/stack.ts";
import {
  ensureTimelineTemplates,
  templateKey,
  type TimelineEventKind,
  type TimelineObjectType,
  type TimelineTemplateIds,
} from "../../connectors/hubspot/timeline.ts";
import { ManualClock } from "../../lib/clock.ts";
import { pullQboChanges } from "../changes/jobs.ts";
import { overduePass, writeTimelineEvents } from "./jobs.ts";

/* eslint-disable @typescript-eslint/no-explicit-any -- QBO and HubSpot bodies as the emulators answer them */

/**
 * ADR 0038: invoice events on HubSpot's timeline, read back through HubSpot's timeline API. An
 * invoice is created, sent, paid in part, then in full; another one goes overdue when the clock
 * passes its due date. Each event is on the deal and the contact once, with its tokens and link,
 * and replaying every job writes nothing twice.
 */
describeEachBackend("invoice events on the HubSpot timeline (ADR 0038)", (db) => {
  const clock = new ManualClock("2026-11-02T17:00:00Z");
  let stack: Stack;
  let realm: string;
  let conn: string;
  let itemId: string;
  let dealId: string;
  let contactId: string;
  let templates: TimelineTemplateIds;
  let invoice: any;
  let customer: any;
  const payments: any[] = [];

  const pull = async () => {
    await stack.queue.enqueue(db().db, pullQboChanges, { connectionId: conn, reason: "timer" });
    while ((await stack.drain()) > 0);
  };
  const newInvoice = async (dueDate: string) =>
    (
      await stack.qboApi(realm, "POST", "/invoice", {
        CustomerRef: { value: customer.Id },
        TxnDate: "2026-11-02",
        DueDate: dueDate,
        Line: [
          {
            Amount: 300,
            DetailType: "SalesItemLineDetail",
            SalesItemLineDetail: { ItemRef: { value: itemId }, Qty: 4, UnitPrice: 75 },
          },
        ],
      })
    ).body.Invoice;
  const eventId = (invoiceId: string, kind: TimelineEventKind, paymentId?: string) =>
    `ledgerlink-${realm}-${invoiceId}-${kind}${paymentId ? `-${paymentId}` : ""}`;
  const readEvent = (kind: TimelineEventKind, objectType: TimelineObjectType, id: string) =>
    stack.hs("GET", `/integrators/timeline/v3/events/${templates.get(templateKey(kind, objectType))}/${id}`);
  /** How many times an event id appears on a record's timeline, as the record page shows it. */
  const onPage = async (typeId: string, recordId: string, id: string) => {
    const res = await stack.route(
      `${stack.urls.hubspot}/contacts/${stack.hubspotPortalId}/record/${typeId}/${recordId}`,
    );
    return (await res.text()).split(`data-event-id="${id}"`).length - 1;
  };
  const invoiceLink = (id: string) => `${stack.urls.qbo}/companies/${realm}/invoices/${id}`;

  beforeAll(async () => {
    stack = await startStack(db(), clock);
    realm = stack.companies.us.realmId;
    conn = stack.companies.us.connectionId;
    await pull();
    const q = (s: string) => `/query?query=${encodeURIComponent(s)}`;
    itemId = (await stack.qboApi(realm, "GET", q("SELECT * FROM Item WHERE Name = 'Design'"))).body
      .QueryResponse.Item[0].Id;
    customer = (
      await stack.qboApi(realm, "POST", "/customer", {
        DisplayName: "Tilda Timeline",
        PrimaryEmailAddr: { Address: "tilda@example.com" },
      })
    ).body.Customer;
    dealId = (await stack.hs("GET", "/crm/v3/objects/deals?limit=1")).body.results[0].id;
    contactId = (await stack.hs("GET", "/crm/v3/objects/contacts?limit=1")).body.results[0].id;
    templates = await ensureTimelineTemplates({
      fetch: stack.route,
      apiBaseUrl: stack.urls.hubspot,
      appId: String(HUBSPOT_APP.appId),
      developerKey: `${HUBSPOT_APP.clientId}-hapikey`,
    });
  });
  afterAll(() => stack.close());
  beforeEach(() => clock.advance(5 * 60_000));

  it("keeps one set of ten templates on the app however often set-up runs", async () => {
    const list = await stack.route(
      `${stack.urls.hubspot}/integrators/timeline/v3/${HUBSPOT_APP.appId}/event-templates?hapikey=${HUBSPOT_APP.clientId}-hapikey`,
    );
    const names = ((await list.json()) as any).results.map((t: any) => `${t.name}/${t.objectType}`);
    expect(names).toHaveLength(10);
    expect(new Set(names).size).toBe(10);
    expect(names).toContain("QuickBooks payment recorded/deals");
  });

  it("writes 'created' on the deal and the contact when an invoice is followed", async () => {
    invoice = await newInvoice("2026-12-02");
    await stack.follow(
      "us",
      [invoice],
      [
        { objectType: "deals", objectId: dealId },
        { objectType: "contacts", objectId: contactId },
      ],
    );
    while ((await stack.drain()) > 0);
    for (const [type, objectId] of [
      ["deals", dealId],
      ["contacts", contactId],
    ] as const) {
      const res = await readEvent("created", type, eventId(invoice.Id, "created"));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        objectType: type,
        objectId,
        tokens: {
          invoiceNumber: invoice.DocNumber ?? invoice.Id,
          customer: "Tilda Timeline",
          amount: "300.00",
          balance: "300.00",
          currency: "USD",
          dueDate: String(Date.parse("2026-12-02T00:00:00Z")),
          invoiceUrl: invoiceLink(invoice.Id),
        },
        timelineIFrame: { url: invoiceLink(invoice.Id), linkLabel: "Open in QuickBooks" },
      });
    }
    // The emulator renders the header with the invoice linked, as HubSpot's timeline does.
    const render = await stack.route(
      `${stack.urls.hubspot}/integrators/timeline/v3/events/${templates.get("created:deals")}/${eventId(invoice.Id, "created")}/render`,
      {
        headers: { authorization: `Bearer ${stack.hubspot.issueToken(stack.hubspotPortalId).access_token}` },
      },
    );
    expect(await render.text()).toContain(`href="${invoiceLink(invoice.Id)}"`);
  });

  it("writes 'sent' when QuickBooks e-mails the invoice", async () => {
    expect(
      (await stack.qboApi(realm, "POST", `/invoice/${invoice.Id}/send?sendTo=tilda@example.com`)).status,
    ).toBe(200);
    await pull();
    expect((await readEvent("sent", "deals", eventId(invoice.Id, "sent"))).status).toBe(200);
    expect((await readEvent("sent", "contacts", eventId(invoice.Id, "sent"))).status).toBe(200);
    expect((await readEvent("paid", "deals", eventId(invoice.Id, "paid"))).status).toBe(404);
  });

  it("writes 'payment recorded' for each payment with its amount and date, and 'paid' once the balance is zero", async () => {
    for (const amount of [100, 200]) {
      const paid = await stack.qboApi(realm, "POST", "/payment", {
        CustomerRef: { value: customer.Id },
        TotalAmt: amount,
        Line: [{ Amount: amount, LinkedTxn: [{ TxnId: invoice.Id, TxnType: "Invoice" }] }],
      });
      expect(paid.status).toBe(200);
      payments.push(paid.body.Payment);
      await pull();
      clock.advance(5 * 60_000);
    }
    for (const [payment, amount] of [
      [payments[0], "100.00"],
      [payments[1], "200.00"],
    ] as const) {
      for (const type of ["deals", "contacts"] as const) {
        const res = await readEvent("payment", type, eventId(invoice.Id, "payment", payment.Id));
        expect(res.status).toBe(200);
        expect(res.body.tokens).toMatchObject({
          paymentAmount: amount,
          paymentDate: String(Date.parse(`${payment.TxnDate}T00:00:00Z`)),
        });
      }
    }
    const paid = await readEvent("paid", "deals", eventId(invoice.Id, "paid"));
    expect(paid.status).toBe(200);
    expect(paid.body.tokens).toMatchObject({ balance: "0.00" });
    expect((await readEvent("paid", "contacts", eventId(invoice.Id, "paid"))).status).toBe(200);
  });

  it("writes 'overdue' when the clock passes another invoice's due date", async () => {
    const late = await newInvoice("2026-11-05");
    await stack.follow("us", [late], [{ objectType: "deals", objectId: dealId }]);
    while ((await stack.drain()) > 0);
    expect((await readEvent("overdue", "deals", eventId(late.Id, "overdue"))).status).toBe(404);
    clock.advance(5 * 86_400_000);
    await stack.queue.enqueue(db().db, overduePass, {});
    while ((await stack.drain()) > 0);
    const overdue = await readEvent("overdue", "deals", eventId(late.Id, "overdue"));
    expect(overdue.status).toBe(200);
    expect(overdue.body.tokens).toMatchObject({ balance: "300.00", invoiceUrl: invoiceLink(late.Id) });
    // Only linked to the deal: nothing on the contact's timeline.
    expect((await readEvent("overdue", "contacts", eventId(late.Id, "overdue"))).status).toBe(404);
  });

  it("shows each event once on the deal's and the contact's timeline, and a replay of every job adds none", async () => {
    const ids = [
      eventId(invoice.Id, "created"),
      eventId(invoice.Id, "sent"),
      eventId(invoice.Id, "payment", payments[0].Id),
      eventId(invoice.Id, "payment", payments[1].Id),
      eventId(invoice.Id, "paid"),
    ];
    const counts = async () =>
      Promise.all(ids.flatMap((id) => [onPage("0-3", dealId, id), onPage("0-1", contactId, id)]));
    expect(await counts()).toEqual(ids.flatMap(() => [1, 1]));
    const ledgerLines = () =>
      db()
        .db.selectFrom("syncLedger")
        .select("id")
        .where("decision", "like", "%on the timeline of%")
        .execute()
        .then((rows) => rows.length);
    const before = await ledgerLines();

    // Every job again, as a replay after a crash would run it (same payloads, same event ids).
    const key = `${conn}:${invoice.Id}`;
    const at = clock.now().toISOString();
    for (const kind of ["created", "sent", "paid"] as const)
      await stack.queue.enqueue(db().db, writeTimelineEvents, { invoiceKey: key, kind, at });
    for (const p of payments)
      await stack.queue.enqueue(db().db, writeTimelineEvents, {
        invoiceKey: key,
        kind: "payment",
        at,
        payment: { id: p.Id, amount: "1.00", date: p.TxnDate },
      });
    while ((await stack.drain()) > 0);
    await pull();
    expect(await counts()).toEqual(ids.flatMap(() => [1, 1]));
    expect(await ledgerLines()).toBe(before);
    // The first write stands: HubSpot refused the replay's id, so its amount never replaced it.
    const first = await readEvent("payment", "deals", eventId(invoice.Id, "payment", payments[0].Id));
    expect(first.body.tokens.paymentAmount).toBe("100.00");
  });
});
