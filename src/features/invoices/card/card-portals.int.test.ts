import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../../test/support/db.ts";
import { HUBSPOT_APP, startStack, type Stack } from "../../../../test/support/stack.ts";
import { testSecrets } from "../../../../test/support/app.ts";
import { invoiceKeyOf, linkInvoice, upsertInvoice } from "../repo/invoices.ts";
import { upsertPortal } from "../../connections/repo/portals.ts";
import { upsertQboConnection } from "../../connections/repo/qbo-connections.ts";
import { parseCardResponse } from "../../../emulators/hubspot/extensions/card-response.ts";
import type { CardDefinition } from "../../../emulators/hubspot/extensions/card-store.ts";
import { signatureHeaders } from "../../../emulators/hubspot/extensions/signatures.ts";
import { ManualClock } from "../../../lib/clock.ts";
import { signToken } from "../../../lib/signed-token.ts";

const PORTAL_B = "77777777";

/** Cross-portal isolation of the card and the preview (I8, E2), and the card on HubSpot's record page. */
describeEachBackend("Integration invoices card across portals (I8, E2)", (db) => {
  const clock = new ManualClock("2026-11-02T17:00:00Z");
  let stack: Stack;
  let dealId: string;
  let docNumber: string;
  const keyB = invoiceKeyOf("conn-b", "5001");

  beforeAll(async () => {
    stack = await startStack(db(), clock);
    dealId = (await stack.hs("GET", "/crm/v3/objects/deals?limit=1")).body.results[0].id;
    const q = encodeURIComponent("SELECT * FROM Invoice ORDERBY Id");
    const invoice = (await stack.qboApi(stack.companies.us.realmId, "GET", `/query?query=${q}`)).body
      .QueryResponse.Invoice[0];
    docNumber = String(invoice.DocNumber);
    await stack.follow("us", [invoice], [{ objectType: "deals", objectId: dealId }]);
    await seedPortalB(db().db, dealId, clock.now());
  });
  afterAll(() => stack.close());

  const fetchCard = async (portalId: string) => {
    const params = { userId: "1", associatedObjectId: dealId, associatedObjectType: "DEAL", portalId };
    const url = `${stack.urls.ledgerlink}/hubspot/card?${new URLSearchParams(params).toString()}`;
    const headers = signatureHeaders({
      clientSecret: HUBSPOT_APP.clientSecret,
      method: "GET",
      url,
      body: "",
      now: clock.now(),
      legacy: "v2",
    });
    const res = await stack.app.request(url, { headers });
    return (await res.json()) as { results: Array<{ objectId: string; title: string }> };
  };

  it("shows each portal only its own invoices on a record with the same ID", async () => {
    const a = await fetchCard(stack.portalId);
    expect(a.results.map((r) => r.title)).toEqual([docNumber]);
    const b = await fetchCard(PORTAL_B);
    expect(b.results.map((r) => r.objectId)).toEqual([keyB]);
  });

  it("never previews another portal's invoice, by session or by a token of this portal", async () => {
    const path = `/invoices/${encodeURIComponent(keyB)}/preview`;
    const bySession = await stack.app.request(path, { headers: { cookie: stack.user.cookie } });
    expect(bySession.status).toBe(404);
    const token = signToken(testSecrets, {
      purpose: "preview",
      portalId: stack.portalId,
      objectType: "deals",
      objectId: dealId,
      hubspotUserId: "1",
      userEmail: "",
      locale: "en",
      invoiceKey: keyB,
      exp: clock.now().getTime() + 60_000,
    });
    expect((await stack.app.request(`${path}?t=${token}`)).status).toBe(404);
  });

  it("is accepted by the HubSpot emulator's card parser, actions under the registered base URL", async () => {
    // The in-process stack's record page reaches card URLs through the global fetch, so the
    // emulator's own parser checks the answer against the card definition Ledgerlink registered.
    const list = await stack.route(
      `${stack.urls.hubspot}/crm/v3/extensions/cards-dev/${HUBSPOT_APP.appId}?hapikey=${HUBSPOT_APP.clientId}-hapikey`,
    );
    const definition = ((await list.json()) as { results: CardDefinition[] }).results[0]!;
    const parsed = parseCardResponse(definition, await fetchCard(stack.portalId));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.view.rejectedActions).toEqual([]);
    expect(parsed.view.items.map((i) => i.title)).toEqual([docNumber]);
    expect([parsed.view.primary?.label, ...parsed.view.secondary.map((a) => a.label)]).toEqual([
      "Create invoice",
      "Add existing invoice",
    ]);
  });
});

/** A second connected portal whose invoice is linked to a deal with the same ID as portal A's. */
async function seedPortalB(db: Parameters<typeof upsertPortal>[0], dealId: string, now: Date) {
  const seal = (v: string) => testSecrets.seal(v, "portal-b");
  await upsertPortal(
    db,
    {
      portalId: PORTAL_B,
      appId: String(HUBSPOT_APP.appId),
      companyCurrency: "USD",
      timeZone: "UTC",
      accessToken: seal("a"),
      refreshToken: seal("r"),
      accessExpiresAt: now,
      scopes: ["oauth"],
    },
    now,
  );
  await upsertQboConnection(
    db,
    {
      connectionId: "conn-b",
      portalId: PORTAL_B,
      realmId: "9130000000000777",
      companyName: "Portal B Co",
      country: "US",
      homeCurrency: "USD",
      multiCurrency: false,
      customTxnNumbers: false,
      accessToken: seal("a"),
      refreshToken: seal("r"),
      accessExpiresAt: now,
      refreshExpiresAt: now,
    },
    now,
  );
  await upsertInvoice(
    db,
    {
      portalId: PORTAL_B,
      connectionId: "conn-b",
      realmId: "9130000000000777",
      origin: "added",
      state: "sent",
      record: {
        qboInvoiceId: "5001",
        docNumber: "B-5001",
        customerId: "1",
        customerName: "Portal B customer",
        currency: "USD",
        totalAmt: 10,
        balance: 10,
        txnDate: "2026-10-01",
        dueDate: "2026-12-01",
        emailStatus: "EmailSent",
        printStatus: null,
        deliveredAt: null,
        privateNote: null,
        deleted: false,
        qboUpdatedAt: now,
      },
    },
    now,
  );
  const link = { invoiceKey: invoiceKeyOf("conn-b", "5001"), portalId: PORTAL_B, objectId: dealId };
  await linkInvoice(db, { ...link, objectType: "deals" }, now);
}
