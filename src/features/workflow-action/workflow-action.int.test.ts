import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/support/db.ts";
import { HUBSPOT_APP, startStack, type Stack } from "../../../test/support/stack.ts";
import { findExecution } from "./repo.ts";
import { signatureHeaders } from "../../emulators/hubspot/extensions/signatures.ts";
import type { WorkflowRun } from "../../emulators/hubspot/extensions/workflow-run.ts";
import { ManualClock } from "../../lib/clock.ts";
import { DEFAULT_SETTINGS, type SyncSettings } from "../settings/schema.ts";
import { saveSettings } from "../settings/store.ts";
import { runWorkflowAction } from "./jobs.ts";
import { PATHS } from "../../http/paths.ts";

// QBO and HubSpot answers as the tests read them.
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * W2 through the HubSpot emulator's workflow engine: `/__emulator/workflows/run` signs and POSTs
 * the execution to Ledgerlink's action URL, Ledgerlink answers BLOCK, its job creates the invoice
 * in the QBO emulator and completes the callback.
 */
describeEachBackend("Create QuickBooks invoice workflow action (W2)", (db) => {
  const clock = new ManualClock("2026-11-02T17:00:00Z");
  let stack: Stack;
  let deals: Map<string, string>;

  beforeAll(async () => {
    stack = await startStack(db(), clock);
    const list = (await stack.hs("GET", "/crm/v3/objects/deals?limit=100&properties=dealname")).body;
    deals = new Map(list.results.map((d: Json) => [d.properties.dealname, d.id]));
  });
  afterAll(() => stack.close());

  const deal = (name: string) => deals.get(name)!;
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await stack.hubspot.fetch(
      new Request(`${stack.urls.hubspot}/__emulator${path}`, {
        method,
        headers: { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    return (await res.json()) as WorkflowRun;
  };
  /** Enrols a deal: the emulator calls the action URL and reports the run as it stands. */
  const run = (dealId: string, inputFields: Record<string, unknown>) =>
    control("POST", "/workflows/run", {
      portalId: stack.hubspotPortalId,
      appId: HUBSPOT_APP.appId,
      actionId: stack.workflowActionId,
      objectId: dealId,
      inputFields,
    });
  /** Runs the queue (the job completes the callback), then reads the run again. */
  const settle = async (started: WorkflowRun) => {
    await stack.drain();
    return control("GET", `/workflows/runs/${started.callbackId}`);
  };
  const us = () => ({ qbo_company: stack.companies.us.connectionId, send: "leave_unsent" });
  const uk = () => ({ qbo_company: stack.companies.uk.connectionId, send: "leave_unsent" });
  const invoiceCount = async (realmId: string) => {
    const q = encodeURIComponent("SELECT COUNT(*) FROM Invoice");
    return (await stack.qboApi(realmId, "GET", `/query?query=${q}`)).body.QueryResponse.totalCount as number;
  };
  const setSettings = (connectionId: string, change: Partial<SyncSettings>) =>
    saveSettings(db().db, connectionId, { ...DEFAULT_SETTINGS, ...change }, clock.now());
  /** A call as HubSpot signs it, for what the emulator's engine cannot do (repeat one callbackId). */
  const signedPost = (path: string, body: unknown, secret = HUBSPOT_APP.clientSecret) => {
    const url = `${stack.urls.ledgerlink}${path}`;
    const text = JSON.stringify(body);
    const headers = signatureHeaders({
      clientSecret: secret,
      method: "POST",
      url,
      body: text,
      now: clock.now(),
      legacy: "v2",
    });
    return stack.route(url, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: text,
    });
  };

  let first: WorkflowRun;

  it("answers BLOCK, then creates the US invoice from the deal's lines and completes the callback", async () => {
    const dealId = deal("Acme – annual licence renewal");
    const started = await run(dealId, { ...us(), due_in_days: "30", message: "Thank you for renewing." });
    expect(started.failure ?? started.state).toBe("BLOCKED");
    expect(started.attempts).toHaveLength(1);
    first = await settle(started);
    expect(first.state).toBe("SUCCESS");
    expect(first.completedBy).toBe("CALLBACK");
    const out = first.outputFields;
    expect(out.qbo_invoice_status).toBe("awaiting_send");
    expect(out.qbo_invoice_number).toMatch(/^\d+$/);

    const invoice = (await stack.qboApi(stack.companies.us.realmId, "GET", `/invoice/${out.qbo_invoice_id}`))
      .body.Invoice;
    const lines = invoice.Line.filter((l: Json) => l.DetailType === "SalesItemLineDetail");
    expect(lines.map((l: Json) => [l.SalesItemLineDetail.ItemRef.name, l.SalesItemLineDetail.Qty])).toEqual([
      ["Annual licence", 5],
      ["Support plan (monthly)", 12],
    ]);
    expect(invoice.TxnDate).toBe("2026-11-02");
    expect(invoice.DueDate).toBe("2026-12-02");
    expect(invoice.CustomerMemo.value).toBe("Thank you for renewing.");
    // The deal's contact matched no QBO customer, so one was created for it (legacy behaviour).
    const customer = (
      await stack.qboApi(stack.companies.us.realmId, "GET", `/customer/${invoice.CustomerRef.value}`)
    ).body.Customer;
    expect(customer.PrimaryEmailAddr.Address).toMatch(/@/);

    // Followed like a wizard invoice: linked to the deal, whose properties now show it.
    const row = await db()
      .db.selectFrom("invoices")
      .selectAll()
      .where("qboInvoiceId", "=", out.qbo_invoice_id!)
      .executeTakeFirstOrThrow();
    expect(row.origin).toBe("wizard");
    const links = await db()
      .db.selectFrom("invoiceLinks")
      .selectAll()
      .where("invoiceKey", "=", row.invoiceKey)
      .execute();
    expect(links.map((l) => l.objectType).sort()).toEqual(["contacts", "deals"]);
    const props = (
      await stack.hs(
        "GET",
        `/crm/v3/objects/deals/${dealId}?properties=qbo_invoice_number,qbo_invoice_status`,
      )
    ).body.properties;
    expect(props.qbo_invoice_number).toBe(out.qbo_invoice_number);
    expect(props.qbo_invoice_status).toBe("awaiting_send");
  });

  it("never creates a second invoice for the same execution: a repeated call or a rerun job", async () => {
    const realm = stack.companies.us.realmId;
    const before = await invoiceCount(realm);
    const again = await signedPost(PATHS.workflowCreateInvoice, first.request);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { outputFields: Record<string, string> }).outputFields).toEqual(
      first.outputFields,
    );
    expect(await stack.drain()).toBe(0);

    // A worker that died after QBO answered: the job runs again from scratch, QBO replays the requestid.
    await db()
      .db.updateTable("workflowExecutions")
      .set({ status: "pending", outputs: null, completedAt: null })
      .where("callbackId", "=", first.callbackId)
      .execute();
    await db()
      .db.transaction()
      .execute((trx) => stack.queue.enqueue(trx, runWorkflowAction, { callbackId: first.callbackId }));
    await stack.drain();
    const rerun = await findExecution(db().db, first.callbackId);
    expect(rerun?.outputs?.qbo_invoice_id).toBe(first.outputFields.qbo_invoice_id);
    expect(rerun?.completedAt).not.toBeNull();
    expect(await invoiceCount(realm)).toBe(before);
  });

  it("sends the invoice from QuickBooks when asked, to the contact's e-mail", async () => {
    const done = await settle(await run(deal("Acme – onboarding"), { ...us(), send: "send" }));
    expect(done.state).toBe("SUCCESS");
    expect(done.outputFields.qbo_invoice_status).toBe("sent");
    const invoice = (
      await stack.qboApi(stack.companies.us.realmId, "GET", `/invoice/${done.outputFields.qbo_invoice_id}`)
    ).body.Invoice;
    expect(invoice.EmailStatus).toBe("EmailSent");
  });

  it("completes through the callback when QBO answers 429 first", async () => {
    await stack.qboControl("/faults", { method: "POST", path: "/invoice", status: 429, times: 1 });
    const started = await run(deal("Globex – licence expansion"), us());
    expect(started.state).toBe("BLOCKED");
    const done = await settle(started);
    expect(done.state).toBe("SUCCESS");
    expect(done.completedBy).toBe("CALLBACK");
    const log = (await stack.qboControl("/requests")) as {
      requests: Array<{ method: string; path: string; status: number }>;
    };
    const creates = log.requests
      .filter((r) => r.method === "POST" && /\/invoice$/.test(r.path))
      .map((r) => r.status);
    expect(creates.slice(-2)).toEqual([429, 200]);
  });

  it("creates a UK invoice with each item's default tax code, and fails clearly when an item has none", async () => {
    const realm = stack.companies.uk.realmId;
    const dealId = deal("Globex – training");
    const untaxed = await settle(await run(dealId, uk()));
    expect(untaxed.state).toBe("FAIL_CONTINUE");
    expect(untaxed.outputFields).toMatchObject({
      errorCode: "no_tax_code",
      errorDetail: "Training workshop",
    });

    const q = (s: string) => `/query?query=${encodeURIComponent(s)}`;
    const code = (
      await stack.qboApi(realm, "GET", q("SELECT * FROM TaxCode WHERE Active = true"))
    ).body.QueryResponse.TaxCode.find(
      (c: Json) => c.Name !== "Exempt" && c.SalesTaxRateList?.TaxRateDetail?.length,
    );
    const item = (await stack.qboApi(realm, "GET", q("SELECT * FROM Item WHERE Name = 'Training workshop'")))
      .body.QueryResponse.Item[0];
    const updated = await stack.qboApi(realm, "POST", "/item?operation=update", {
      Id: item.Id,
      SyncToken: item.SyncToken,
      sparse: true,
      SalesTaxCodeRef: { value: code.Id },
    });
    expect(updated.body).toHaveProperty("Item");

    const done = await settle(await run(dealId, uk()));
    expect(done.state).toBe("SUCCESS");
    const invoice = (await stack.qboApi(realm, "GET", `/invoice/${done.outputFields.qbo_invoice_id}`)).body
      .Invoice;
    const lines = invoice.Line.filter((l: Json) => l.DetailType === "SalesItemLineDetail");
    expect(lines.map((l: Json) => l.SalesItemLineDetail.TaxCodeRef.value)).toEqual([code.Id]);
  });

  it("in sync-filter mode fails for a contact the filters exclude, where legacy creates the customer", async () => {
    const conn = stack.companies.us.connectionId;
    const dealId = deal("Initech – consulting");
    const before = await invoiceCount(stack.companies.us.realmId);
    await setSettings(conn, {
      behaviour: "sync_filter",
      contacts: {
        ...DEFAULT_SETTINGS.contacts,
        filters: { lifecycleStages: ["lead"], listIds: [], conditions: [] },
      },
    });
    const refused = await settle(await run(dealId, us()));
    expect(refused.state).toBe("FAIL_CONTINUE");
    expect(refused.outputFields.errorCode).toBe("sync_filter");
    expect(refused.outputFields.errorDetail).toContain('lifecycle stage "customer" is not one of lead');
    expect(await invoiceCount(stack.companies.us.realmId)).toBe(before);

    await setSettings(conn, {
      behaviour: "legacy",
      contacts: {
        ...DEFAULT_SETTINGS.contacts,
        filters: { lifecycleStages: ["lead"], listIds: [], conditions: [] },
      },
    });
    expect((await settle(await run(dealId, us()))).state).toBe("SUCCESS");
    await setSettings(conn, {});
  });

  it("fails with the line's name when a deal line maps to no QBO item", async () => {
    const dealId = deal("Umbrella – pilot");
    const created = await stack.hs("POST", "/crm/v3/objects/line_items", {
      properties: { name: "Mystery widget", price: "10", quantity: "1" },
      associations: [
        { to: { id: dealId }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 20 }] },
      ],
    });
    expect(created.status).toBe(201);
    const before = await invoiceCount(stack.companies.us.realmId);
    const done = await settle(await run(dealId, us()));
    expect(done.state).toBe("FAIL_CONTINUE");
    expect(done.outputFields).toMatchObject({ errorCode: "unmapped_line", errorDetail: "Mystery widget" });
    expect(await invoiceCount(stack.companies.us.realmId)).toBe(before);
  });

  it("fails bad inputs in the answer itself, with no job and no 500", async () => {
    const dealId = deal("Acme – onboarding");
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ qbo_company: "conn-nope", send: "send" }, "unknown_company"],
      [{ ...us(), due_in_days: "-3" }, "bad_due_in_days"],
      [{ ...us(), due_in_days: "ten" }, "bad_due_in_days"],
      [{ ...us(), send: "maybe" }, "bad_send"],
    ];
    for (const [inputs, code] of cases) {
      const done = await run(dealId, inputs);
      expect(done.state, code).toBe("FAIL_CONTINUE");
      expect(done.completedBy).toBe("RESPONSE");
      expect(done.outputFields.errorCode).toBe(code);
    }
    expect(await stack.drain()).toBe(0);
    const terms = await settle(await run(dealId, { ...us(), terms: "Net 999" }));
    expect(terms.outputFields).toMatchObject({ errorCode: "unknown_terms", errorDetail: "Net 999" });
  });

  it("refuses unsigned or forged calls, and lists the portal's companies for the dropdown", async () => {
    const url = `${stack.urls.ledgerlink}${PATHS.workflowCreateInvoice}`;
    expect((await stack.route(url, { method: "POST", body: "{}" })).status).toBe(401);
    expect((await signedPost(PATHS.workflowCreateInvoice, first.request, "wrong-secret")).status).toBe(401);
    expect((await signedPost(PATHS.workflowCreateInvoice, { callbackId: "x" })).status).toBe(400);
    const options = await signedPost(PATHS.workflowCreateInvoiceCompanies, {
      origin: { portalId: stack.hubspotPortalId },
      inputFieldName: "qbo_company",
      fetchOptions: { q: "thames" },
    });
    expect(await options.json()).toEqual({
      options: [
        { label: "Thames Garden Studio Ltd", value: stack.companies.uk.connectionId, description: "GB" },
      ],
      searchable: true,
    });
  });
});
