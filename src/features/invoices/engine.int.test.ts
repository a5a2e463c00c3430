import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/support/db.ts";
import { startStack, type Stack } from "../../../test/support/stack.ts";
import { ManualClock } from "../../lib/clock.ts";
import { silentLogger } from "../../lib/logger.ts";
import { pullQboChanges } from "../changes/jobs.ts";
import { jobHandlers } from "../catalogue.ts";
import { overduePass, pushInvoice } from "./jobs.ts";
import { decodeDraftError } from "./push-errors.ts";

/**
 * The invoice engine against both emulators (I8, I10, S1–S5): push-invoice from a complete draft,
 * statuses following QBO through the reconcile, the overdue pass, and the deal's five properties.
 */
describeEachBackend("invoice engine (I8, I10, S1–S5)", (db) => {
  const clock = new ManualClock("2026-11-02T17:00:00Z");
  let stack: Stack;
  let customerId: string;
  let itemId: string;
  let dealId: string;

  beforeAll(async () => {
    stack = await startStack(db(), clock);
    const us = stack.companies.us.realmId;
    const customers = await stack.qboApi(
      us,
      "GET",
      `/query?query=${encodeURIComponent("SELECT * FROM Customer")}`,
    );
    customerId = customers.body.QueryResponse.Customer[0].Id;
    const items = await stack.qboApi(
      us,
      "GET",
      `/query?query=${encodeURIComponent("SELECT * FROM Item WHERE Name = 'Design'")}`,
    );
    itemId = items.body.QueryResponse.Item[0].Id;
    const deals = await stack.hs("GET", "/crm/v3/objects/deals?limit=100");
    dealId = deals.body.results[0].id;
  });
  afterAll(() => stack.close());

  let draftSeq = 0;
  async function submittedDraft(overrides: Record<string, unknown> = {}, deal = dealId) {
    const draftId = `draft-${++draftSeq}`;
    const data = {
      connectionId: stack.companies.us.connectionId,
      source: { kind: "scratch" },
      customer: { kind: "existing", id: customerId, displayName: "Customer" },
      lines: [
        { key: "1", itemId, itemName: "Design", quantity: 3, unitPrice: 75.5, description: "Design work" },
      ],
      invoiceDate: "2026-11-02",
      dueDate: "2026-11-20",
      dueDateEdited: true,
      message: "Thank you for your business",
      ...overrides,
    };
    const now = clock.now();
    await db()
      .db.insertInto("invoiceDrafts")
      .values({
        draftId,
        portalId: stack.portalId,
        dealId: deal,
        hubspotUserId: `u${draftSeq}`,
        status: "submitting",
        step: "review",
        data: JSON.stringify(data),
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    return draftId;
  }

  const draftRow = (draftId: string) =>
    db().db.selectFrom("invoiceDrafts").selectAll().where("draftId", "=", draftId).executeTakeFirstOrThrow();
  const invoicesOfCustomer = async (realm: string, customer: string) => {
    const q = `SELECT * FROM Invoice WHERE CustomerRef = '${customer}'`;
    const res = await stack.qboApi(realm, "GET", `/query?query=${encodeURIComponent(q)}`);
    return (res.body.QueryResponse.Invoice ?? []) as Array<Record<string, unknown>>;
  };
  const dealProps = async (deal: string) =>
    (
      await stack.hs(
        "GET",
        `/crm/v3/objects/deals/${deal}?properties=qbo_invoice_amount,qbo_invoice_recipient,qbo_invoice_number,qbo_invoice_status,qbo_invoice_due_date`,
      )
    ).body.properties as Record<string, string | null>;
  const enqueue = async (job: typeof pushInvoice, payload: { draftId: string }) =>
    db()
      .db.transaction()
      .execute((trx) => stack.queue.enqueue(trx, job, payload));

  it("creates the invoice unsent, links it to the deal and writes the five deal properties (I8, S2)", async () => {
    const draftId = await submittedDraft();
    await enqueue(pushInvoice, { draftId });
    await enqueue(pushInvoice, { draftId }); // a double click
    await stack.drain();
    const draft = await draftRow(draftId);
    expect(draft.status).toBe("created");
    const created = await invoicesOfCustomer(stack.companies.us.realmId, customerId);
    const ours = created.filter(
      (i) => (i.CustomerMemo as { value?: string } | undefined)?.value === "Thank you for your business",
    );
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatchObject({ EmailStatus: "NotSet", TotalAmt: 226.5, DueDate: "2026-11-20" });
    const row = await db()
      .db.selectFrom("invoices")
      .selectAll()
      .where("invoiceKey", "=", draft.invoiceKey!)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: "awaiting_send", origin: "wizard", currency: "USD" });
    expect(await dealProps(dealId)).toMatchObject({
      qbo_invoice_amount: "226.50",
      qbo_invoice_number: String(ours[0]!.DocNumber),
      qbo_invoice_status: "awaiting_send",
      qbo_invoice_due_date: "2026-11-20",
    });
    // E2: mirrored as a HubSpot invoice object, associated with the deal.
    const assoc = await stack.hs("GET", `/crm/v4/objects/deals/${dealId}/associations/invoices`);
    expect(assoc.body.results).toHaveLength(1);
    const object = await stack.hs(
      "GET",
      `/crm/v3/objects/invoices/${assoc.body.results[0].toObjectId}?properties=qbo_invoice_id,qbo_realm_id,qbo_invoice_status`,
    );
    expect(object.body.properties).toMatchObject({
      qbo_invoice_id: String(ours[0]!.Id),
      qbo_realm_id: stack.companies.us.realmId,
      qbo_invoice_status: "awaiting_send",
    });
  });

  it("never creates a second invoice when the worker dies after QBO answered (I10)", async () => {
    const draftId = await submittedDraft({ message: "crash test" });
    const dying = jobHandlers({
      db: db().db,
      logger: silentLogger,
      clock,
      clients: stack.clients,
      queue: stack.queue,
      afterQboCreate: () => {
        throw new Error("worker killed");
      },
    });
    await enqueue(pushInvoice, { draftId });
    await stack.queue.drain(dying);
    expect((await draftRow(draftId)).status).toBe("submitting");
    // The restarted worker runs the job again (directly: pg-boss would after its retry delay).
    await stack.handlers[pushInvoice.name]!({
      payload: { draftId },
      jobId: "rerun",
      log: silentLogger,
      retryCount: 1,
    });
    expect((await draftRow(draftId)).status).toBe("created");
    const all = await invoicesOfCustomer(stack.companies.us.realmId, customerId);
    expect(
      all.filter((i) => (i.CustomerMemo as { value?: string } | undefined)?.value === "crash test"),
    ).toHaveLength(1);
  });

  it("returns a QBO refusal to the wizard in words, keeping the draft (I10)", async () => {
    const draftId = await submittedDraft({
      lines: [{ key: "1", itemId: "999999", quantity: 1, unitPrice: 5 }],
    });
    await enqueue(pushInvoice, { draftId });
    await stack.drain();
    const draft = await draftRow(draftId);
    expect(draft.status).toBe("editing");
    expect(decodeDraftError(draft.error)?.code).toMatch(/inactive|validation/);
  });

  it("refuses when custom transaction numbers were turned on meanwhile (I9)", async () => {
    await stack.setCustomTxnNumbers("us", true);
    const draftId = await submittedDraft({ message: "numbers" });
    await enqueue(pushInvoice, { draftId });
    await stack.drain();
    expect(decodeDraftError((await draftRow(draftId)).error)?.code).toBe("custom_numbers");
    await stack.setCustomTxnNumbers("us", false);
  });

  it("follows payments through the reconcile and turns overdue by the clock (S1, S3, S5)", async () => {
    const deal2 = (await stack.hs("GET", "/crm/v3/objects/deals?limit=100")).body.results[1].id as string;
    const draftId = await submittedDraft(
      {
        message: "payments",
        dueDate: "2026-11-10",
        lines: [{ key: "1", itemId, quantity: 2, unitPrice: 100 }],
      },
      deal2,
    );
    await enqueue(pushInvoice, { draftId });
    await stack.drain();
    const key = (await draftRow(draftId)).invoiceKey!;
    const qboId = key.split(":").pop()!;
    const pay = async (amount: number) => {
      clock.advance(60_000);
      const res = await stack.qboApi(stack.companies.us.realmId, "POST", "/payment", {
        CustomerRef: { value: customerId },
        TotalAmt: amount,
        Line: [{ Amount: amount, LinkedTxn: [{ TxnId: qboId, TxnType: "Invoice" }] }],
      });
      expect(res.status).toBe(200);
      await db()
        .db.transaction()
        .execute((trx) =>
          stack.queue.enqueue(trx, pullQboChanges, {
            connectionId: stack.companies.us.connectionId,
            reason: "timer",
          }),
        );
      await stack.drain();
      return (await dealProps(deal2)).qbo_invoice_status;
    };
    expect(await pay(50)).toBe("partially_paid");
    expect(await pay(150)).toBe("paid");

    clock.advance(60_000);
    // Another invoice on the same deal, created later (so the most recent), due on the 10th.
    const later = await submittedDraft({ message: "later", dueDate: "2026-11-10" }, deal2);
    await enqueue(pushInvoice, { draftId: later });
    await stack.drain();
    expect((await dealProps(deal2)).qbo_invoice_status).toBe("awaiting_send");
    clock.set(new Date("2026-11-11T09:00:00Z")); // the 11th in Los Angeles: past due
    await db()
      .db.transaction()
      .execute((trx) => stack.queue.enqueue(trx, overduePass, {}));
    await stack.drain();
    expect((await dealProps(deal2)).qbo_invoice_status).toBe("overdue");
  });

  it("lists an invoice in another currency but leaves the deal's properties alone (S4)", async () => {
    const uk = stack.companies.uk;
    const q = encodeURIComponent("SELECT * FROM Invoice");
    const invoice = (await stack.qboApi(uk.realmId, "GET", `/query?query=${q}`)).body.QueryResponse
      .Invoice[0];
    const deal3 = (await stack.hs("GET", "/crm/v3/objects/deals?limit=100")).body.results[2].id as string;
    await stack.follow("uk", [invoice], [{ objectType: "deals", objectId: deal3 }]);
    await stack.drain();
    const rows = await db().db.selectFrom("invoiceLinks").selectAll().where("objectId", "=", deal3).execute();
    expect(rows).toHaveLength(1);
    const props = await dealProps(deal3);
    expect(props.qbo_invoice_number ?? "").toBe("");
    expect(props.qbo_invoice_status ?? "").toBe("");
  });
});
