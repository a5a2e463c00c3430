import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { faultOf, startQboHarness, type QboClient, type QboHarness } from "./harness.ts";

type Json = Record<string, unknown>;
const rows = (res: Json, entity: string) => ((res.QueryResponse as Json)[entity] ?? []) as Json[];

/**
 * X-QB: four behaviours checked against Intuit's public documentation (issue 19, part 4), each
 * through the documented request rather than node-quickbooks's own spelling of it.
 */
describe("QBO emulator: behaviours as Intuit documents them (X-QB)", () => {
  let h: QboHarness;
  let qbo: QboClient;
  let realmId: string;
  let token: string;

  /** A raw API call, as the documentation writes it: no `operation` parameter unless given. */
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${h.url}/v3/company/${realmId}/${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: "application/json",
        "content-type": "application/json",
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const first = async (entity: string, where = "") =>
    rows(
      (await api("GET", `query?query=${encodeURIComponent(`select * from ${entity}${where}`)}`)).body,
      entity,
    )[0]!;
  const count = async (entity: string) =>
    Number(
      (
        (await api("GET", `query?query=${encodeURIComponent(`select count(*) from ${entity}`)}`)).body
          .QueryResponse as Json
      ).totalCount,
    );

  beforeAll(async () => {
    h = await startQboHarness();
    let tokenJson: Json;
    ({
      qbo,
      realmId,
      token: tokenJson,
    } = await h.connect({ name: "Docs & Co", country: "US", seed: "demo" }));
    token = String(tokenJson.access_token);
  });
  afterAll(() => h.close());

  // https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/customer#sparse-update-a-customer
  // ("Request URL: POST /v3/company/<realmID>/customer", body with Id, SyncToken and sparse: true) and
  // https://developer.intuit.com/app/developer/qbo/docs/learn/rest-api-features (update: Id and SyncToken
  // in the body; sparse: true changes only the fields sent). The other entities' references write their
  // full and sparse updates the same way, to POST /v3/company/<realmID>/<entity>.
  describe("a POST to the entity URL whose body has Id and SyncToken is an update", () => {
    const changes: Array<[string, string, string, unknown]> = [
      ["Customer", "customer", "Notes", "Prefers e-mail"],
      ["Item", "item", "Description", "Hourly, billed monthly"],
      ["Account", "account", "Description", "Sales of services"],
      ["Term", "term", "DueDays", 21],
      ["Invoice", "invoice", "PrivateNote", "Checked with the buyer"],
      ["Estimate", "estimate", "PrivateNote", "Sent twice"],
      ["Payment", "payment", "PaymentRefNum", "CHK-77"],
    ];
    for (const [entity, resource, field, value] of changes) {
      it(`${entity}: sparse update without ?operation`, async () => {
        const where = entity === "Invoice" || entity === "Payment" ? " where TotalAmt > '0'" : "";
        const before = await first(entity, where);
        const total = await count(entity);
        const res = await api("POST", `${resource}?minorversion=75`, {
          Id: before.Id,
          SyncToken: before.SyncToken,
          sparse: true,
          [field]: value,
        });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        const after = res.body[entity] as Json;
        expect(after).toMatchObject({
          Id: before.Id,
          SyncToken: String(Number(before.SyncToken) + 1),
          [field]: value,
        });
        // Sparse: what was not sent is kept.
        const kept =
          entity === "Customer"
            ? "DisplayName"
            : entity === "Item" || entity === "Account" || entity === "Term"
              ? "Name"
              : "TotalAmt";
        expect(after[kept]).toEqual(before[kept]);
        expect(await count(entity)).toBe(total);
      });
    }

    it("a stale SyncToken is 5010, as for any update; a full update (no sparse) clears what it leaves out", async () => {
      const customer = (await api("POST", "customer", { DisplayName: "Full Update Ltd", Notes: "temp" })).body
        .Customer as Json;
      const stale = await api("POST", "customer", {
        Id: customer.Id,
        SyncToken: "7",
        sparse: true,
        Notes: "x",
      });
      expect(stale.status).toBe(400);
      expect(((stale.body.Fault as Json).Error as Json[])[0]!.code).toBe("5010");
      const full = await api("POST", "customer", {
        Id: customer.Id,
        SyncToken: customer.SyncToken,
        DisplayName: "Full Update Ltd",
      });
      expect(full.status).toBe(200);
      expect((full.body.Customer as Json).Notes).toBeUndefined();
      expect((full.body.Customer as Json).SyncToken).toBe("1");
    });

    it("a body without Id and SyncToken is still a create", async () => {
      const res = await api("POST", "customer", { DisplayName: "Brand New Co" });
      expect(res.status).toBe(200);
      expect(res.body.Customer).toMatchObject({ SyncToken: "0", DisplayName: "Brand New Co" });
    });
  });

  // https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/customer
  // (ParentRef and Job make a sub-customer; FullyQualifiedName "prepends the topmost parent, followed by
  // each sub element separated by colons ... Parent:Customer:Job:Sub-job. Limited to 5 levels"; Level
  // "Zero specifies the top level of the hierarchy; anything above will be level with respect to the
  // parent"), the same text as Intuit's schema, ../xsd/IntuitNamesTypes.xsd.
  describe("sub-customers", () => {
    it("get Parent:Child FullyQualifiedName and Level on create, read and query", async () => {
      const parent = await qbo.call<Json>("createCustomer", { DisplayName: "Kookies by Kathy" });
      expect(parent.Level ?? 0).toBe(0);
      expect(parent.FullyQualifiedName).toBe("Kookies by Kathy");
      const child = await qbo.call<Json>("createCustomer", {
        DisplayName: "Kitchen Remodel",
        Job: true,
        ParentRef: { value: parent.Id },
      });
      expect(child).toMatchObject({
        FullyQualifiedName: "Kookies by Kathy:Kitchen Remodel",
        Level: 1,
        Job: true,
        ParentRef: { value: parent.Id },
      });
      const grandchild = await qbo.call<Json>("createCustomer", {
        DisplayName: "Cabinets",
        Job: true,
        ParentRef: { value: child.Id },
      });
      expect(grandchild).toMatchObject({
        FullyQualifiedName: "Kookies by Kathy:Kitchen Remodel:Cabinets",
        Level: 2,
      });
      expect(await qbo.call<Json>("getCustomer", grandchild.Id)).toMatchObject({
        FullyQualifiedName: "Kookies by Kathy:Kitchen Remodel:Cabinets",
        Level: 2,
      });
      const queried = rows(
        await qbo.call<Json>("findCustomers", { DisplayName: "Kitchen Remodel" }),
        "Customer",
      );
      expect(queried[0]).toMatchObject({ FullyQualifiedName: "Kookies by Kathy:Kitchen Remodel", Level: 1 });
    });

    it("follow a renamed parent, and a customer cannot become its own descendant", async () => {
      const parent = await qbo.call<Json>("createCustomer", { DisplayName: "Pye's Cakes" });
      const child = await qbo.call<Json>("createCustomer", {
        DisplayName: "Aviary",
        Job: true,
        ParentRef: { value: parent.Id },
      });
      const renamed = await qbo.call<Json>("updateCustomer", {
        Id: parent.Id,
        SyncToken: parent.SyncToken,
        sparse: true,
        DisplayName: "Pye's Bakery",
      });
      expect(renamed.FullyQualifiedName).toBe("Pye's Bakery");
      expect((await qbo.call<Json>("getCustomer", child.Id)).FullyQualifiedName).toBe("Pye's Bakery:Aviary");
      const loop = await qbo
        .call("updateCustomer", {
          Id: renamed.Id,
          SyncToken: renamed.SyncToken,
          sparse: true,
          Job: true,
          ParentRef: { value: child.Id },
        })
        .catch((e: unknown) => e);
      expect(faultOf(loop).code).toBe("6000");
    });
  });

  // https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/invoice#void-an-invoice
  // ("all amounts and quantities are zeroed and the string, Voided, is injected into Invoice.PrivateNote,
  // prepended to existing text if present"; Payment's reference says the same of Payment.PrivateNote:
  // https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/payment#void-a-payment).
  // The separator is not documented; "Voided - <note>" is what QBO answers (docs/vendors/quickbooks.md §4.5).
  describe("void", () => {
    it("prepends Voided to an invoice's PrivateNote, and writes Voided where there was none", async () => {
      const customer = await first("Customer");
      const item = await first("Item", " where Type = 'Service'");
      const line = {
        DetailType: "SalesItemLineDetail",
        Amount: 40,
        SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 2, UnitPrice: 20 },
      };
      const noted = await qbo.call<Json>("createInvoice", {
        CustomerRef: { value: customer.Id },
        Line: [line],
        PrivateNote: "Agreed by phone",
      });
      const voided = await qbo.call<Json>("voidInvoice", { Id: noted.Id, SyncToken: noted.SyncToken });
      expect(voided.Invoice).toMatchObject({
        TotalAmt: 0,
        Balance: 0,
        PrivateNote: "Voided - Agreed by phone",
      });
      const plain = await qbo.call<Json>("createInvoice", {
        CustomerRef: { value: customer.Id },
        Line: [line],
      });
      const voidedPlain = await qbo.call<Json>("voidInvoice", { Id: plain.Id, SyncToken: plain.SyncToken });
      expect((voidedPlain.Invoice as Json).PrivateNote).toBe("Voided");
    });

    it("prepends Voided to a payment's PrivateNote", async () => {
      const customer = await first("Customer");
      const payment = await qbo.call<Json>("createPayment", {
        CustomerRef: { value: customer.Id },
        TotalAmt: 15,
        PrivateNote: "Cash at the counter",
      });
      const voided = await qbo.call<Json>("voidPayment", { Id: payment.Id, SyncToken: payment.SyncToken });
      expect(voided).toMatchObject({ TotalAmt: 0, PrivateNote: "Voided - Cash at the counter" });
    });
  });

  // No Intuit page covers it: `/__emulator` is the emulator's own control API (../README.md). A reset
  // must give the state a fresh emulator has, and Intuit's sandbox runs on the real date, so the clock
  // the emulator was created with comes back too.
  it("POST /__emulator/reset rewinds the clock to where it started", async () => {
    const start = (await h.control("/clock")).body.now;
    expect(start).toBe("2026-05-02T17:00:00.000Z");
    await h.control("/clock", { advanceSeconds: 40 * 86_400 });
    expect((await h.control("/clock")).body.now).toBe("2026-06-11T17:00:00.000Z");
    const reset = await h.control("/reset", {});
    expect(reset).toEqual({ status: 200, body: { ok: true } });
    expect((await h.control("/clock")).body).toEqual({ now: start, frozen: true });
    expect((await h.control("/companies")).body.companies).toEqual([]);
  });
});
