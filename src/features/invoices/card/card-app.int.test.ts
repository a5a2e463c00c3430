import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { parseCardJson, type CardJson } from "../../../../hubspot-app/src/app/cards/card-api.ts";
import { describeEachBackend } from "../../../../test/support/db.ts";
import { HUBSPOT_APP, startStack, type Stack } from "../../../../test/support/stack.ts";
import { testSecrets } from "../../../../test/support/app.ts";
import { signatureHeaders } from "../../../emulators/hubspot/extensions/signatures.ts";
import { ManualClock } from "../../../lib/clock.ts";
import { verifyToken } from "../../../lib/signed-token.ts";
import type { AppCardJson } from "./card-app-view.ts";

// The card's type must accept what the server's view produces (checked by tsc, not at run time).
const _sameContract: (json: AppCardJson) => CardJson = (json) => json;

/** The recorded answers the app card's component tests render (hubspot-app/test/fixtures). */
const FIXTURES = new URL("../../../../hubspot-app/test/fixtures/", import.meta.url);
const RECORD = process.env.RECORD_CARD_FIXTURES === "1";

/**
 * Tokens and invoice keys change per run (random keys and connection IDs); the rest of an answer is
 * stable under the manual clock, so a recorded fixture must equal a fresh answer once those are masked.
 */
function stable(json: unknown, keys: string[]): unknown {
  let text = JSON.stringify(json, null, 2).replace(/([?&]t=)[^"&]+/g, "$1TOKEN");
  keys.forEach((key, i) => (text = text.replaceAll(encodeURIComponent(key), `key-${i + 1}`)));
  keys.forEach((key, i) => (text = text.replaceAll(key, `key-${i + 1}`)));
  return JSON.parse(text);
}

function matchesFixture(name: string, json: AppCardJson) {
  const masked = stable(
    json,
    json.invoices.map((i) => i.key),
  );
  const file = new URL(`${name}.json`, FIXTURES);
  if (RECORD) writeFileSync(file, `${JSON.stringify(masked, null, 2)}\n`);
  expect(masked).toEqual(JSON.parse(readFileSync(file, "utf8")));
}

/** The contract of the HubSpot app card (hubspot-app/): the same card API, `format=app-card`, as hubspot.fetch calls it. */
describeEachBackend("Card API for the HubSpot app card (I8, E2, S1)", (db) => {
  const clock = new ManualClock("2026-11-02T17:00:00Z");
  let stack: Stack;
  let dealId: string;

  beforeAll(async () => {
    // 99999999 may use the instance but never signed in: the card says to connect it (ADR 0024).
    stack = await startStack(db(), clock, { alsoAllowed: ["99999999"] });
    dealId = (await stack.hs("GET", "/crm/v3/objects/deals?limit=1")).body.results[0].id;
    const q = encodeURIComponent("SELECT * FROM Invoice ORDERBY Id");
    const invoices = (await stack.qboApi(stack.companies.uk.realmId, "GET", `/query?query=${q}`)).body
      .QueryResponse.Invoice;
    await stack.follow("uk", invoices, [{ objectType: "deals", objectId: dealId }]);
  });
  afterAll(() => stack.close());

  /** hubspot.fetch: our query, then HubSpot's own parameters, signed v3 over the full URL. */
  const url = (record: Record<string, string>, extra: Record<string, string> = {}) => {
    const query = new URLSearchParams({
      format: "app-card",
      associatedObjectType: "DEAL",
      associatedObjectId: dealId,
      ...record,
      portalId: stack.portalId,
      userId: stack.user.hubspotUserId,
      userEmail: "viewer@example.com",
      appId: String(HUBSPOT_APP.appId),
      ...extra,
    });
    return `${stack.urls.ledgerlink}/hubspot/card?${query.toString()}`;
  };
  const signed = (target: string) =>
    signatureHeaders({
      clientSecret: HUBSPOT_APP.clientSecret,
      method: "GET",
      url: target,
      body: "",
      now: clock.now(),
      legacy: "v2",
    });
  const appCard = async (record: Record<string, string> = {}, extra: Record<string, string> = {}) => {
    const target = url(record, extra);
    const res = await stack.app.request(target, { headers: signed(target) });
    expect(res.status).toBe(200);
    return (await res.json()) as AppCardJson;
  };

  it("refuses an unsigned, v2-only or forged app-card fetch", async () => {
    const target = url({});
    expect((await stack.app.request(target)).status).toBe(401);
    const { "X-HubSpot-Signature-v3": _v3, ...v2Only } = signed(target);
    expect((await stack.app.request(target, { headers: v2Only })).status).toBe(401);
    expect(
      (await stack.app.request(url({ associatedObjectId: "1" }), { headers: signed(target) })).status,
    ).toBe(401);
    const bad = url({ format: "html" });
    expect((await stack.app.request(bad, { headers: signed(bad) })).status).toBe(400);
  });

  it("lists the same invoices as the classic card, as data the card renders", async () => {
    const body = await appCard();
    expect(parseCardJson(body)).toEqual({ ok: true, card: body });
    const classicUrl = url({ format: "classic" });
    const classic = (await (await stack.app.request(classicUrl, { headers: signed(classicUrl) })).json()) as {
      results: Array<{ objectId: string; title: string }>;
    };
    // The classic card's rows above the invoices (here, S4's notice) are the app card's alerts.
    const [notice, ...rows] = classic.results;
    expect(notice!.objectId).toBe("ledgerlink-currency");
    expect(body.invoices.map((i) => [i.key, i.number])).toEqual(rows.map((r) => [r.objectId, r.title]));
    expect(body.alerts).toEqual([
      {
        title: "Deal properties not updated",
        body: "The deal's invoice properties are not updated because the invoice is in GBP and this HubSpot account's currency is USD.",
        reconnect: null,
      },
    ]);
    expect(body.invoices.map((i) => [i.status, i.statusVariant]).sort()).toEqual([
      ["awaiting_send", "default"],
      ["overdue", "danger"],
      ["paid", "success"],
      ["partially_paid", "warning"],
      ["sent", "info"],
      ["voided", "default"],
    ]);
    expect(body.actions.create).toMatchObject({ label: "Create invoice", width: 900, height: 720 });
    const token = new URL(body.actions.create!.url).searchParams.get("t")!;
    const claims = verifyToken(testSecrets, token, "embed", clock.now());
    expect(claims.ok && claims.value).toMatchObject({
      portalId: stack.portalId,
      objectId: dealId,
      hubspotUserId: stack.user.hubspotUserId,
    });
    matchesFixture("deal-list", body);
  });

  it("keeps the classic answer the same whether or not format=classic is named", async () => {
    const plain = `${stack.urls.ledgerlink}/hubspot/card?${new URLSearchParams({
      portalId: stack.portalId,
      associatedObjectId: dealId,
      associatedObjectType: "DEAL",
      userId: stack.user.hubspotUserId,
    }).toString()}`;
    const named = `${plain}&format=classic`;
    const a = await (await stack.app.request(plain, { headers: signed(plain) })).text();
    const b = await (await stack.app.request(named, { headers: signed(named) })).text();
    expect(stable(JSON.parse(a), [])).toEqual(stable(JSON.parse(b), []));
    expect(JSON.parse(a)).toHaveProperty("results");
  });

  it("answers an empty contact with Add existing only", async () => {
    const body = await appCard({ associatedObjectType: "CONTACT", associatedObjectId: "999" });
    expect(body.invoices).toEqual([]);
    expect(body.actions.create).toBeNull();
    expect(body.actions.addExisting?.label).toBe("Add existing invoice");
    matchesFixture("contact-empty", body);
  });

  it("speaks the HubSpot user's Japanese, even over a saved Ledgerlink choice (ADR 0023)", async () => {
    const ja = await appCard({ locale: "ja-jp" });
    expect(ja.locale).toBe("ja");
    expect(ja.labels.status).toBe("ステータス");
    expect(ja.actions.create?.label).toBe("請求書を作成");
    matchesFixture("deal-list-ja", ja);
    const users = db().db.updateTable("users").where("portalId", "=", stack.portalId);
    await users.set({ locale: "en" }).execute();
    // The card sits in HubSpot's UI: it follows HubSpot's language; Ledgerlink's own pages keep "en".
    expect((await appCard({ locale: "ja-jp" })).locale).toBe("ja");
    // A HubSpot language Ledgerlink does not speak falls back to the saved choice.
    expect((await appCard({ locale: "fr-fr" })).locale).toBe("en");
    await users.set({ locale: null }).execute();
  });

  it("tells a portal that never connected Ledgerlink what to do", async () => {
    const body = await appCard({}, { portalId: "99999999" });
    expect(body.connected).toBe(false);
    expect(body.notice?.title).toBe("Ledgerlink is not connected to this HubSpot account");
    expect(body.actions).toEqual({ create: null, addExisting: null, allInvoicesUrl: null });
    matchesFixture("not-connected", body);
  });
});
