import { beforeAll, describe, expect, it } from "vitest";
import { redirectOf, startConsoleHarness, type ConsoleHarness } from "./console-harness.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/**
 * Issue 19: every action of the QuickBooks console goes through the API's own operations. For each,
 * a connected app sees what the bookkeeper did — by reading it back through the API, in a webhook
 * notification and in CDC — exactly as if another app had made the call.
 */
describe("the QBO console's actions reach the API, webhooks and CDC", () => {
  let h: ConsoleHarness;
  let acme: Json;
  let beta: Json;
  let consulting: Json;
  let support: Json;
  let net15: Json;
  const base = () => `/companies/${h.realm}`;

  const apiInvoice = async (amount: number, customer = acme) => {
    const res = await h.api("POST", "/invoice", {
      CustomerRef: { value: customer.Id },
      Line: [
        {
          DetailType: "SalesItemLineDetail",
          Amount: amount,
          SalesItemLineDetail: { ItemRef: { value: consulting.Id }, Qty: 1, UnitPrice: amount },
        },
      ],
    });
    expect(res.status).toBe(200);
    return res.body.Invoice as Json;
  };

  beforeAll(async () => {
    h = await startConsoleHarness();
    const [income] = await h.query("SELECT * FROM Account WHERE AccountType = 'Income'");
    const make = async (entity: string, body: Json) =>
      (await h.api("POST", `/${entity.toLowerCase()}`, body)).body[entity] as Json;
    acme = await make("Customer", { DisplayName: "Acme", PrimaryEmailAddr: { Address: "ap@acme.example" } });
    beta = await make("Customer", { DisplayName: "Beta" });
    consulting = await make("Item", {
      Name: "Consulting",
      Type: "Service",
      UnitPrice: 100,
      IncomeAccountRef: { value: income!.Id },
    });
    support = await make("Item", {
      Name: "Support",
      Type: "Service",
      UnitPrice: 50,
      IncomeAccountRef: { value: income!.Id },
    });
    net15 = (await h.query("SELECT * FROM Term WHERE Name = 'Net 15'"))[0]!;
    await h.newEvents();
  });

  it("creates an invoice from customer, lines and terms; the API, a webhook and CDC see it", async () => {
    const since = h.tick();
    const res = await h.submit(`${base()}/invoices`, {
      customer: acme.Id,
      term: net15!.Id,
      item_1: consulting.Id,
      qty_1: "2",
      rate_1: "150",
      item_2: support.Id,
      qty_2: "1",
      rate_2: "",
    });
    const to = redirectOf(res);
    expect(to.searchParams.get("done")).toBe("created");
    const id = /\/invoices\/(\d+)$/.exec(to.pathname)![1]!;
    const invoice = await h.read("Invoice", id);
    expect(invoice.TotalAmt).toBe(350);
    expect(invoice.SalesTermRef.value).toBe(net15!.Id);
    expect(invoice.DueDate).toBe("2026-05-19");
    expect(to.searchParams.get("number")).toBe(invoice.DocNumber);
    expect(await h.newEvents()).toEqual([`Invoice ${id} Create`]);
    expect((await h.cdc("Invoice", since)).Invoice.map((i: Json) => i.Id)).toEqual([id]);
    const page = await h.page(`${to.pathname}${to.search}`);
    expect(page.html).toContain(`Invoice ${String(invoice.DocNumber)} created.`);
  });

  it("receives a partial payment against one invoice and a full one against another, in one payment", async () => {
    const first = await apiInvoice(400);
    const second = await apiInvoice(120);
    await h.newEvents();
    const since = h.tick();
    const res = await h.submit(`${base()}/payments`, {
      customer: acme.Id,
      [`amount_${first.Id}`]: "100",
      [`amount_${second.Id}`]: "120",
    });
    const id = /\/payments\/(\d+)$/.exec(redirectOf(res).pathname)![1]!;
    const payment = await h.read("Payment", id);
    expect(payment.TotalAmt).toBe(220);
    expect(payment.UnappliedAmt).toBe(0);
    expect((await h.read("Invoice", first.Id)).Balance).toBe(300);
    expect((await h.read("Invoice", second.Id)).Balance).toBe(0);
    expect(await h.newEvents()).toEqual([
      `Payment ${id} Create`,
      `Invoice ${first.Id} Update`,
      `Invoice ${second.Id} Update`,
    ]);
    const cdc = await h.cdc("Invoice,Payment", since);
    expect(cdc.Payment.map((p: Json) => p.Id)).toEqual([id]);
    expect(cdc.Invoice.map((i: Json) => i.Id).sort()).toEqual([first.Id, second.Id].sort());
    const list = (await h.page(`${base()}/invoices`)).html;
    expect(list).toMatch(new RegExp(`data-invoice="${first.Id}"[\\s\\S]*?data-status="partial"`));
    expect(list).toMatch(new RegExp(`data-invoice="${second.Id}"[\\s\\S]*?data-status="paid"`));
  });

  it("sends an invoice by email", async () => {
    const invoice = await apiInvoice(80);
    await h.newEvents();
    const since = h.tick();
    redirectOf(await h.submit(`${base()}/invoices/${invoice.Id}/send`, { sendTo: "billing@acme.example" }));
    const sent = await h.read("Invoice", invoice.Id);
    expect(sent.EmailStatus).toBe("EmailSent");
    expect(sent.BillEmail.Address).toBe("billing@acme.example");
    expect(h.emulator.world.companies.get(h.realm)!.outbox.at(-1)).toMatchObject({
      id: invoice.Id,
      to: "billing@acme.example",
    });
    expect(await h.newEvents()).toEqual([`Invoice ${invoice.Id} Emailed`]);
    expect((await h.cdc("Invoice", since)).Invoice[0].EmailStatus).toBe("EmailSent");
  });

  it("changes the due date, then the terms (the due date follows them)", async () => {
    const invoice = await apiInvoice(90);
    await h.newEvents();
    const since = h.tick();
    redirectOf(
      await h.submit(`${base()}/invoices/${invoice.Id}/terms`, {
        syncToken: invoice.SyncToken,
        term: "",
        dueDate: "2026-07-01",
      }),
    );
    const moved = await h.read("Invoice", invoice.Id);
    expect(moved.DueDate).toBe("2026-07-01");
    redirectOf(
      await h.submit(`${base()}/invoices/${invoice.Id}/terms`, {
        syncToken: moved.SyncToken,
        term: net15!.Id,
      }),
    );
    const termed = await h.read("Invoice", invoice.Id);
    expect(termed.SalesTermRef.value).toBe(net15!.Id);
    expect(termed.DueDate).toBe("2026-05-19");
    expect(await h.newEvents()).toEqual([`Invoice ${invoice.Id} Update`, `Invoice ${invoice.Id} Update`]);
    expect((await h.cdc("Invoice", since)).Invoice[0].DueDate).toBe("2026-05-19");
  });

  it("voids an invoice: zero amounts, Voided in the note, and its status reads Voided", async () => {
    const invoice = await apiInvoice(70);
    await h.newEvents();
    const since = h.tick();
    redirectOf(await h.submit(`${base()}/invoices/${invoice.Id}/void`, { syncToken: invoice.SyncToken }));
    const voided = await h.read("Invoice", invoice.Id);
    expect([voided.TotalAmt, voided.Balance, voided.PrivateNote]).toEqual([0, 0, "Voided"]);
    expect(await h.newEvents()).toEqual([`Invoice ${invoice.Id} Void`]);
    expect((await h.cdc("Invoice", since)).Invoice[0].Id).toBe(invoice.Id);
    expect((await h.page(`${base()}/invoices/${invoice.Id}`)).html).toContain('data-status="voided"');
  });

  it("deletes an invoice: gone from the API, a Delete notification, and a Deleted entry in CDC", async () => {
    const invoice = await apiInvoice(60);
    await h.newEvents();
    const since = h.tick();
    const to = redirectOf(
      await h.submit(`${base()}/invoices/${invoice.Id}/delete`, { syncToken: invoice.SyncToken }),
    );
    expect(to.pathname).toBe(`${base()}/invoices`);
    expect((await h.api("GET", `/invoice/${invoice.Id}`)).status).toBe(400);
    expect(await h.newEvents()).toEqual([`Invoice ${invoice.Id} Delete`]);
    expect((await h.cdc("Invoice", since)).Invoice).toEqual([
      expect.objectContaining({ Id: invoice.Id, status: "Deleted" }),
    ]);
  });

  it("voids and deletes a payment, and the invoice is owed again", async () => {
    const invoice = await apiInvoice(50);
    const paid = await h.submit(`${base()}/payments`, { customer: acme.Id, [`amount_${invoice.Id}`]: "50" });
    const id = /\/payments\/(\d+)$/.exec(redirectOf(paid).pathname)![1]!;
    await h.newEvents();
    const payment = await h.read("Payment", id);
    redirectOf(await h.submit(`${base()}/payments/${id}/void`, { syncToken: payment.SyncToken }));
    expect((await h.read("Payment", id)).TotalAmt).toBe(0);
    expect((await h.read("Invoice", invoice.Id)).Balance).toBe(50);
    expect(await h.newEvents()).toEqual([`Payment ${id} Void`, `Invoice ${invoice.Id} Update`]);
    const voided = await h.read("Payment", id);
    redirectOf(await h.submit(`${base()}/payments/${id}/delete`, { syncToken: voided.SyncToken }));
    expect(await h.query(`SELECT * FROM Payment WHERE Id = '${id}'`)).toEqual([]);
    expect(await h.newEvents()).toEqual([`Payment ${id} Delete`]);
  });

  it("makes a customer without a balance inactive", async () => {
    const since = h.tick();
    redirectOf(await h.submit(`${base()}/customers/${beta.Id}/deactivate`, { syncToken: beta.SyncToken }));
    expect((await h.read("Customer", beta.Id)).Active).toBe(false);
    expect(await h.newEvents()).toEqual([`Customer ${beta.Id} Update`]);
    expect((await h.cdc("Customer", since)).Customer[0]).toMatchObject({ Id: beta.Id, Active: false });
  });

  it("turns on custom transaction numbers and multicurrency in the company's preferences", async () => {
    const since = h.tick();
    const before = (await h.api("GET", "/preferences")).body.Preferences;
    redirectOf(
      await h.submit(`${base()}/settings`, {
        syncToken: before.SyncToken,
        customTxnNumbers: "on",
        multiCurrency: "on",
      }),
    );
    const after = (await h.api("GET", "/preferences")).body.Preferences;
    expect(after.SalesFormsPrefs.CustomTxnNumbers).toBe(true);
    expect(after.CurrencyPrefs.MultiCurrencyEnabled).toBe(true);
    expect(await h.newEvents()).toEqual(["Preferences 1 Update"]);
    expect((await h.cdc("Preferences", since)).Preferences).toHaveLength(1);
    // The new-invoice form now asks for the number, and the number typed is the invoice's.
    expect((await h.page(`${base()}/invoices/new`)).html).toContain('name="docNumber"');
    const made = await h.submit(`${base()}/invoices`, {
      customer: acme.Id,
      docNumber: "INV-77",
      item_1: consulting.Id,
    });
    const id = /\/invoices\/(\d+)$/.exec(redirectOf(made).pathname)![1]!;
    expect((await h.read("Invoice", id)).DocNumber).toBe("INV-77");
    // And custom numbers off again (multicurrency stays: it cannot be turned off).
    const now = (await h.api("GET", "/preferences")).body.Preferences;
    redirectOf(await h.submit(`${base()}/settings`, { syncToken: now.SyncToken, multiCurrency: "on" }));
    expect((await h.api("GET", "/preferences")).body.Preferences.SalesFormsPrefs.CustomTxnNumbers).toBe(
      false,
    );
  });
});
