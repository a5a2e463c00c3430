import { Hono } from "hono";
import { expect, it } from "vitest";
import { anyoneMayChange, testSecrets } from "../../../test/support/app.ts";
import { describeEachBackend } from "../../../test/support/db.ts";
import { fetchVia } from "../../../test/support/engine.ts";
import { formPost } from "../../../test/support/session.ts";
import type { DatabaseHandle } from "../../db/kysely.ts";
import { ManualClock } from "../../lib/clock.ts";
import { silentLogger } from "../../lib/logger.ts";
import { createApp } from "../../http/app.tsx";
import type { VendorApps } from "./vendors.ts";

/**
 * The redirect flows of A1 and A2 against scripted vendor endpoints (the emulators' own tests
 * drive the same flows through their consent pages).
 */
function fakeVendors(clock: ManualClock) {
  const revoked: string[] = [];
  const hub = new Hono();
  hub.post("/oauth/v1/token", async (c) => {
    const form = new URLSearchParams(await c.req.text());
    if (form.get("code") !== "good-code")
      return c.json({ status: "BAD_AUTH_CODE", message: "bad code", error: "invalid_grant" }, 400);
    return c.json({
      token_type: "bearer",
      access_token: "hs-access",
      refresh_token: "hs-refresh",
      expires_in: 1800,
    });
  });
  hub.get("/oauth/v1/access-tokens/:token", (c) =>
    c.json({
      token: "hs-access",
      user: "sam@example.com",
      hub_id: 62515,
      app_id: 1,
      user_id: 42,
      scopes: ["oauth"],
      expires_in: 1700,
      token_type: "access",
    }),
  );
  hub.get("/account-info/v3/details", (c) =>
    c.json({ portalId: 62515, timeZone: "Asia/Tokyo", companyCurrency: "JPY" }),
  );
  const qbo = new Hono();
  qbo.post("/oauth2/v1/tokens/bearer", (c) =>
    c.json({
      token_type: "bearer",
      access_token: "qb-access",
      refresh_token: "qb-refresh",
      expires_in: 3600,
      x_refresh_token_expires_in: 8_726_400,
    }),
  );
  qbo.get("/v3/company/:realm/companyinfo/:id", (c) =>
    c.json({ CompanyInfo: { CompanyName: "Tokyo Trading KK", Country: "GB", Id: "1" }, time: "" }),
  );
  qbo.get("/v3/company/:realm/preferences", (c) =>
    c.json({
      Preferences: {
        SalesFormsPrefs: { CustomTxnNumbers: true },
        CurrencyPrefs: { HomeCurrency: { value: "GBP" }, MultiCurrencyEnabled: true },
      },
      time: "",
    }),
  );
  qbo.post("/v2/oauth2/tokens/revoke", async (c) => {
    revoked.push(((await c.req.json()) as { token: string }).token);
    return c.body(null, 200);
  });
  const vendors: VendorApps = {
    hubspot: {
      clientId: "ledgerlink-dev",
      clientSecret: "s",
      redirectUri: "http://localhost:3000/oauth/hubspot/callback",
      authBaseUrl: "http://hs-app",
      apiBaseUrl: "http://hs",
      fetch: fetchVia(hub.fetch),
      clock,
    },
    intuit: {
      clientId: "ledgerlink-dev",
      clientSecret: "s",
      redirectUri: "http://localhost:3000/oauth/qbo/callback",
      authBaseUrl: "http://appcenter",
      oauthBaseUrl: "http://qbo",
      revokeBaseUrl: "http://qbo",
      apiBaseUrl: "http://qbo",
      fetch: fetchVia(qbo.fetch),
      clock,
    },
  };
  return { vendors, revoked };
}

function app(database: DatabaseHandle, clock: ManualClock, vendors: VendorApps) {
  return createApp({
    config: { dataDir: "memory://", publicUrl: "http://localhost:3000" },
    database,
    logger: silentLogger,
    clock,
    secrets: testSecrets,
    vendors,
    changeRights: anyoneMayChange,
  });
}

const cookiesOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .filter((c) => !c.endsWith("="));

describeEachBackend("OAuth flows (A1, A2)", (db) => {
  const clock = new ManualClock("2026-10-01T00:00:00Z");

  it("signs in with HubSpot, connects a QuickBooks company, shows it, then disconnects and revokes", async () => {
    const { vendors, revoked } = fakeVendors(clock);
    const web = app(db(), clock, vendors);
    const start = await web.request("/auth/hubspot?next=/connections");
    const consent = new URL(start.headers.get("location")!);
    expect(consent.origin + consent.pathname).toBe("http://hs-app/oauth/authorize");
    expect(consent.searchParams.get("scope")).toContain("crm.objects.deals.write");
    const state = consent.searchParams.get("state")!;

    const back = await web.request(`/oauth/hubspot/callback?code=good-code&state=${state}`);
    expect(back.status).toBe(302);
    expect(back.headers.get("location")).toBe("/connections");
    const cookie = cookiesOf(back).join("; ");
    const portal = await db()
      .db.selectFrom("portals")
      .selectAll()
      .where("portalId", "=", "62515")
      .executeTakeFirstOrThrow();
    expect(portal).toMatchObject({ companyCurrency: "JPY", timeZone: "Asia/Tokyo", status: "active" });
    expect(portal.accessToken).not.toContain("hs-access"); // sealed at rest
    expect(testSecrets.open(portal.refreshToken, "hubspot:62515")).toBe("hs-refresh");

    // The same state cannot be used twice.
    expect((await web.request(`/oauth/hubspot/callback?code=good-code&state=${state}`)).status).toBe(400);

    const page = await web.request("/connections", { headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const allCookies = [cookie, ...cookiesOf(page)].join("; ");
    const connect = await web.request("/connections/qbo", formPost(allCookies, csrf));
    const intuit = new URL(connect.headers.get("location")!);
    expect(intuit.origin + intuit.pathname).toBe("http://appcenter/connect/oauth2");
    const qboState = intuit.searchParams.get("state")!;
    const done = await web.request(`/oauth/qbo/callback?code=c&state=${qboState}&realmId=9130357766900001`, {
      headers: { cookie: allCookies },
    });
    expect(done.status).toBe(302);
    const listed = await (await web.request("/connections", { headers: { cookie: allCookies } })).text();
    expect(listed).toContain("Tokyo Trading KK");
    expect(listed).toContain("Custom transaction numbers are on");

    const connection = await db()
      .db.selectFrom("qboConnections")
      .selectAll()
      .where("portalId", "=", "62515")
      .executeTakeFirstOrThrow();
    expect(connection).toMatchObject({
      country: "GB",
      homeCurrency: "GBP",
      multiCurrency: true,
      customTxnNumbers: true,
    });
    // Without its confirm step, Disconnect changes nothing.
    const unconfirmed = await web.request(
      `/connections/qbo/${connection.connectionId}/disconnect`,
      formPost(allCookies, csrf),
    );
    expect(unconfirmed.status).toBe(400);
    expect(revoked).toEqual([]);
    expect(
      await db()
        .db.selectFrom("qboConnections")
        .select("connectionId")
        .where("portalId", "=", "62515")
        .execute(),
    ).toHaveLength(1);
    const listing = await (await web.request("/connections", { headers: { cookie: allCookies } })).text();
    expect(listing).toContain('<details class="confirm">');
    expect(listing).toContain('name="confirm" value="yes"');
    const off = await web.request(
      `/connections/qbo/${connection.connectionId}/disconnect`,
      formPost(allCookies, csrf, { confirm: "yes" }),
    );
    expect(off.status).toBe(303);
    expect(revoked).toEqual(["qb-refresh"]);
    expect(
      await db().db.selectFrom("qboConnections").selectAll().where("portalId", "=", "62515").execute(),
    ).toEqual([]);
  });

  it("refuses a bad code, a forged state, and a QuickBooks callback without a session, changing nothing", async () => {
    const { vendors } = fakeVendors(clock);
    const web = app(db(), clock, vendors);
    const before = await db().db.selectFrom("portals").select("portalId").execute();
    expect((await web.request("/oauth/hubspot/callback?code=x&state=forged")).status).toBe(400);
    const start = await web.request("/auth/hubspot");
    const state = new URL(start.headers.get("location")!).searchParams.get("state")!;
    const bad = await web.request(`/oauth/hubspot/callback?code=bad-code&state=${state}`);
    expect(bad.status).toBe(502);
    expect(await bad.text()).toContain("Nothing was changed");
    expect((await web.request("/oauth/qbo/callback?code=c&state=nope&realmId=1")).status).toBe(400);
    expect(await db().db.selectFrom("portals").select("portalId").execute()).toEqual(before);
  });
});
