import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../../test/support/db.ts";
import { HUBSPOT_APP, startStack, type Stack } from "../../../../test/support/stack.ts";
import { testSecrets } from "../../../../test/support/app.ts";
import { signatureHeaders } from "../../../emulators/hubspot/extensions/signatures.ts";
import { ManualClock } from "../../../lib/clock.ts";
import { verifyToken } from "../../../lib/signed-token.ts";

type Prop = Record<string, string>;
type Action = { type: string; uri: string; label: string };
interface CardJson {
  results: Array<{ objectId: string; title: string; link: string; properties: Prop[] }>;
  primaryAction?: Action;
  secondaryActions: Action[];
}

/** Fetches the card as HubSpot does: the full public URL, signed v3 (with v2 beside it). */
function cardFetcher(stack: Stack, clock: ManualClock) {
  const url = (params: Record<string, string>) =>
    `${stack.urls.ledgerlink}/hubspot/card?${new URLSearchParams(params).toString()}`;
  const headers = (target: string, opts: { secret?: string; at?: Date } = {}): Record<string, string> =>
    signatureHeaders({
      clientSecret: opts.secret ?? HUBSPOT_APP.clientSecret,
      method: "GET",
      url: target,
      body: "",
      now: opts.at ?? clock.now(),
      legacy: "v2",
    });
  const fetch = (target: string, opts: { secret?: string; at?: Date; extra?: Prop } = {}) =>
    stack.app.request(target, { headers: { ...headers(target, opts), ...opts.extra } });
  const json = async (params: Record<string, string>, extra?: Prop) => {
    const res = await fetch(url(params), { extra });
    expect(res.status).toBe(200);
    return (await res.json()) as CardJson;
  };
  return { url, headers, fetch, json };
}

/** The invoices' rows, without the rows that explain something (health, currency) above them. */
const invoiceRows = (body: CardJson) => body.results.filter((r) => !r.objectId.startsWith("ledgerlink-"));

const CURRENCY_NOTICE =
  "The deal's invoice properties are not updated because the invoice is in GBP and this HubSpot account's currency is USD.";

/** The card endpoint (I8, E2, S1): HubSpot's signature first, then the record's invoices from our database. */
describeEachBackend("Integration invoices card (I8, E2, S1)", (db) => {
  const clock = new ManualClock("2026-11-02T17:00:00Z");
  let stack: Stack;
  let dealId: string;
  let card: ReturnType<typeof cardFetcher>;

  beforeAll(async () => {
    // 99999999 may use the instance but never signed in: the card says to connect it (ADR 0024).
    stack = await startStack(db(), clock, { alsoAllowed: ["99999999"] });
    dealId = (await stack.hs("GET", "/crm/v3/objects/deals?limit=1")).body.results[0].id;
    const q = encodeURIComponent("SELECT * FROM Invoice ORDERBY Id");
    const invoices = (await stack.qboApi(stack.companies.uk.realmId, "GET", `/query?query=${q}`)).body
      .QueryResponse.Invoice;
    // The demo company has one invoice in each S1 status (and a voided one).
    await stack.follow("uk", invoices, [{ objectType: "deals", objectId: dealId }]);
    card = cardFetcher(stack, clock);
  });
  afterAll(() => stack.close());

  const params = (over: Record<string, string> = {}) => ({
    userId: stack.user.hubspotUserId,
    userEmail: "viewer@example.com",
    associatedObjectId: dealId,
    associatedObjectType: "DEAL",
    portalId: stack.portalId,
    ...over,
  });

  it("refuses an unsigned, forged, tampered, v2-only or stale fetch with 401", async () => {
    const url = card.url(params());
    expect((await stack.app.request(url)).status).toBe(401);
    expect((await card.fetch(url, { secret: "not-the-secret" })).status).toBe(401);
    const signedForOther = card.headers(card.url(params({ associatedObjectId: "1" })));
    expect((await stack.app.request(url, { headers: signedForOther })).status).toBe(401);
    const { "X-HubSpot-Signature-v3": _v3, ...v2Only } = card.headers(url);
    expect((await stack.app.request(url, { headers: v2Only })).status).toBe(401);
    const stale = await card.fetch(url, { at: new Date(clock.now().getTime() - 10 * 60_000) });
    expect(stale.status).toBe(401);
    expect((await card.fetch(url)).status).toBe(200);
  });

  it("refuses malformed parameters with 400", async () => {
    const bads: Array<Record<string, string>> = [
      { associatedObjectType: "TICKET" },
      { portalId: "abc" },
      { associatedObjectId: "" },
      { userId: "me" },
    ];
    for (const bad of bads) expect((await card.fetch(card.url(params(bad)))).status).toBe(400);
  });

  it("lists the deal's invoices with company, amount, due date and S1 status", async () => {
    const body = await card.json(params());
    expect(invoiceRows(body)).toHaveLength(6);
    const rows = await db().db.selectFrom("invoices").select(["docNumber", "state"]).execute();
    const stateOf = new Map(rows.map((r) => [r.docNumber, r.state]));
    const statuses = invoiceRows(body).map((item) => {
      const by = Object.fromEntries(item.properties.map((p) => [p.label, p]));
      expect(by["QuickBooks company"]!.value).toBe("Thames Garden Studio Ltd");
      expect(by.Amount).toMatchObject({ dataType: "CURRENCY", currencyCode: "GBP" });
      expect(by["Due date"]).toMatchObject({
        dataType: "DATE",
        value: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
      });
      expect(by.Status!.dataType).toBe("STATUS");
      return [stateOf.get(item.title), by.Status!.value, by.Status!.optionType];
    });
    expect(statuses.sort()).toEqual([
      ["awaiting_send", "Awaiting send", "DEFAULT"],
      ["overdue", "Overdue", "DANGER"],
      ["paid", "Paid in full", "SUCCESS"],
      ["partially_paid", "Partial payment", "WARNING"],
      ["sent", "Sent to customer", "INFO"],
      ["voided", "Voided", "DEFAULT"],
    ]);
  });

  it("says first why the deal's properties stay empty: its latest invoice is in GBP, the account in USD (S4)", async () => {
    const body = await card.json(params());
    expect(body.results[0]).toMatchObject({
      objectId: "ledgerlink-currency",
      title: "Deal properties not updated",
      properties: [{ dataType: "STRING", value: CURRENCY_NOTICE }],
    });
    // The same invoices on a contact drive no deal: nothing to explain there.
    const contactId = (await stack.hs("GET", "/crm/v3/objects/contacts?limit=1")).body.results[0].id;
    const q = encodeURIComponent("SELECT * FROM Invoice ORDERBY Id");
    const [invoice] = (await stack.qboApi(stack.companies.uk.realmId, "GET", `/query?query=${q}`)).body
      .QueryResponse.Invoice;
    await stack.follow("uk", [invoice], [{ objectType: "contacts", objectId: contactId }]);
    const contact = await card.json(
      params({ associatedObjectType: "CONTACT", associatedObjectId: contactId }),
    );
    expect(contact.results.map((r) => r.objectId)).not.toContain("ledgerlink-currency");
    expect(contact.results.length).toBeGreaterThan(0);
  });

  it("offers Create and Add existing on a deal, with tokens bound to the viewer for two hours", async () => {
    const body = await card.json(params());
    expect(body.primaryAction).toMatchObject({ type: "IFRAME", label: "Create invoice" });
    expect(body.primaryAction!.uri).toMatch(/^http:\/\/ledgerlink\.test\/embed\/invoices\/new\?t=/);
    expect(body.secondaryActions.map((a) => [a.type, a.label])).toEqual([["IFRAME", "Add existing invoice"]]);
    expect(body.secondaryActions[0]!.uri).toMatch(/^http:\/\/ledgerlink\.test\/embed\/invoices\/add\?t=/);
    const token = new URL(body.primaryAction!.uri).searchParams.get("t")!;
    const claims = verifyToken(testSecrets, token, "embed", clock.now());
    expect(claims.ok && claims.value).toMatchObject({
      portalId: stack.portalId,
      objectType: "deals",
      objectId: dealId,
      hubspotUserId: stack.user.hubspotUserId,
      userEmail: "viewer@example.com",
      exp: clock.now().getTime() + 2 * 3600_000,
    });
    const [first] = invoiceRows(body);
    const preview = new URL(first!.link).searchParams.get("t")!;
    const previewClaims = verifyToken(testSecrets, preview, "preview", clock.now());
    expect(previewClaims.ok && previewClaims.value.invoiceKey).toBe(first!.objectId);
    expect(verifyToken(testSecrets, preview, "embed", clock.now()).ok).toBe(false);
  });

  it("offers only Add existing on a contact or a company", async () => {
    for (const type of ["CONTACT", "COMPANY"]) {
      const body = await card.json(params({ associatedObjectType: type, associatedObjectId: "999" }));
      expect(body.results).toEqual([]);
      expect(body.primaryAction).toBeUndefined();
      expect(body.secondaryActions.map((a) => a.label)).toEqual(["Add existing invoice"]);
    }
  });

  it("speaks the viewer's saved language, else the request's, else English", async () => {
    const users = db().db.updateTable("users").where("portalId", "=", stack.portalId);
    await users.set({ locale: "ja" }).execute();
    const saved = await card.json(params(), { "accept-language": "en" });
    expect(saved.primaryAction!.label).toBe("請求書を作成");
    expect(saved.secondaryActions.map((a) => a.label)).toEqual(["既存の請求書を追加"]);
    const labels = invoiceRows(saved)[0]!.properties.map((p) => p.label);
    expect(labels).toEqual(["QuickBooks 会社", "金額", "支払期日", "ステータス"]);
    expect(invoiceRows(saved).map((r) => r.properties[3]!.value)).toContain("期限超過");
    expect(saved.results[0]!.properties[0]!.value).toBe(
      "請求書の通貨が GBP で、この HubSpot アカウントの通貨が USD のため、取引の請求書プロパティは更新されません。",
    );
    await users.set({ locale: null }).execute();
    const asked = await card.json(params({ userId: "2" }), { "accept-language": "ja,en;q=0.5" });
    expect(asked.primaryAction!.label).toBe("請求書を作成");
    expect((await card.json(params())).primaryAction!.label).toBe("Create invoice");
  });

  it("tells a portal that never connected Ledgerlink to connect it", async () => {
    const body = await card.json(params({ portalId: "99999999" }));
    expect(body.results.map((r) => r.objectId)).toEqual(["ledgerlink-not-connected"]);
    expect(body.primaryAction).toBeUndefined();
  });
});
