import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/support/db.ts";
import { HUBSPOT_APP, startStack, type Stack } from "../../../test/support/stack.ts";
import { testSecrets } from "../../../test/support/app.ts";
import { signatureHeaders } from "../../emulators/hubspot/extensions/signatures.ts";
import { ManualClock } from "../../lib/clock.ts";
import { verifyToken } from "../../lib/signed-token.ts";

interface CardJson {
  results: Array<{
    objectId: string;
    title: string;
    link: string;
    properties: Array<Record<string, string>>;
  }>;
  primaryAction?: { uri: string; label: string };
  secondaryActions: Array<{ uri: string; label: string }>;
}

/** The card endpoint (I8, E2, S1): HubSpot's signature first, then the record's invoices from our database. */
describeEachBackend("Integration invoices card (I8, E2, S1)", (db) => {
  const clock = new ManualClock("2026-11-02T17:00:00Z");
  let stack: Stack;
  let dealId: string;
  let docNumber: string;

  beforeAll(async () => {
    stack = await startStack(db(), clock);
    dealId = (await stack.hs("GET", "/crm/v3/objects/deals?limit=1")).body.results[0].id;
    const uk = stack.companies.uk;
    const q = encodeURIComponent("SELECT * FROM Invoice");
    const invoice = (await stack.qboApi(uk.realmId, "GET", `/query?query=${q}`)).body.QueryResponse
      .Invoice[0];
    docNumber = String(invoice.DocNumber);
    await stack.follow("uk", [invoice], [{ objectType: "deals", objectId: dealId }]);
  });
  afterAll(() => stack.close());

  const cardUrl = (params: Record<string, string>) =>
    `${stack.urls.ledgerlink}/hubspot/card?${new URLSearchParams(params).toString()}`;
  const params = (over: Record<string, string> = {}) => ({
    userId: "1",
    userEmail: "viewer@example.com",
    associatedObjectId: dealId,
    associatedObjectType: "DEAL",
    portalId: stack.portalId,
    ...over,
  });
  const signedFetch = (
    url: string,
    opts: { secret?: string; at?: Date; headers?: Record<string, string> } = {},
  ) =>
    stack.app.request(url, {
      headers: {
        ...signatureHeaders({
          clientSecret: opts.secret ?? HUBSPOT_APP.clientSecret,
          method: "GET",
          url,
          body: "",
          now: opts.at ?? clock.now(),
          legacy: "v2",
        }),
        ...opts.headers,
      },
    });

  it("refuses an unsigned, forged or stale fetch with 401", async () => {
    const url = cardUrl(params());
    expect((await stack.app.request(url)).status).toBe(401);
    expect((await signedFetch(url, { secret: "not-the-secret" })).status).toBe(401);
    const stale = await signedFetch(url, { at: new Date(clock.now().getTime() - 10 * 60_000) });
    expect(stale.status).toBe(401);
  });

  it("refuses malformed parameters with 400", async () => {
    const bads: Array<Record<string, string>> = [
      { associatedObjectType: "TICKET" },
      { portalId: "abc" },
      { associatedObjectId: "" },
    ];
    for (const bad of bads) {
      expect((await signedFetch(cardUrl(params(bad)))).status).toBe(400);
    }
  });

  it("lists the deal's invoices with company, amount, due date and status, and both actions", async () => {
    const res = await signedFetch(cardUrl(params()));
    expect(res.status).toBe(200);
    const card = (await res.json()) as CardJson;
    expect(card.results).toHaveLength(1);
    const [item] = card.results;
    expect(item!.title).toBe(docNumber);
    const byLabel = Object.fromEntries(item!.properties.map((p) => [p.label, p]));
    expect(byLabel["QuickBooks company"]!.value).toBe("Thames Garden Studio Ltd");
    expect(byLabel.Amount).toMatchObject({ dataType: "CURRENCY", currencyCode: "GBP" });
    expect(byLabel.Status!.dataType).toBe("STATUS");
    expect(card.primaryAction!.label).toBe("Create invoice");
    expect(card.secondaryActions.map((a) => a.label)).toEqual(["Add existing invoice"]);

    const token = new URL(card.primaryAction!.uri).searchParams.get("t")!;
    const claims = verifyToken(testSecrets, token, "embed", clock.now());
    expect(claims.ok && claims.value).toMatchObject({
      portalId: stack.portalId,
      objectId: dealId,
      hubspotUserId: "1",
    });
    const preview = new URL(item!.link).searchParams.get("t")!;
    expect(verifyToken(testSecrets, preview, "preview", clock.now()).ok).toBe(true);
    expect(verifyToken(testSecrets, preview, "embed", clock.now()).ok).toBe(false);
  });

  it("offers only Add existing on a contact, and speaks the viewer's saved language", async () => {
    await db().db.updateTable("users").set({ locale: "ja" }).where("portalId", "=", stack.portalId).execute();
    const res = await signedFetch(
      cardUrl(params({ associatedObjectType: "CONTACT", associatedObjectId: "999" })),
    );
    const card = (await res.json()) as CardJson;
    expect(card.results).toEqual([]);
    expect(card.primaryAction).toBeUndefined();
    expect(card.secondaryActions.map((a) => a.label)).toEqual(["既存の請求書を追加"]);
    await db().db.updateTable("users").set({ locale: null }).where("portalId", "=", stack.portalId).execute();
  });

  it("never shows another portal's invoices, and tells an unknown portal to connect", async () => {
    const other = await signedFetch(cardUrl(params({ portalId: "99999999" })));
    const card = (await other.json()) as CardJson;
    expect(card.results.map((r) => r.objectId)).toEqual(["ledgerlink-not-connected"]);
  });
});
