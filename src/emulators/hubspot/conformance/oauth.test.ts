import { Client } from "@hubspot/api-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failureOf, raw, startConformance, type Conformance } from "./harness.ts";

let conf: Conformance;
let oauth: Client;
beforeAll(async () => {
  conf = await startConformance();
  oauth = new Client({ basePath: conf.server.url });
});
afterAll(() => conf.close());

const redirectUri = "http://localhost:5555/oauth/callback";
const scopes = "oauth crm.objects.contacts.read crm.objects.contacts.write";

/** Walks the consent page as a browser would: GET the page, POST the form, read the redirect. */
async function consent(extra: Record<string, string> = {}): Promise<URL> {
  const params = new URLSearchParams({
    client_id: "ledgerlink-dev",
    redirect_uri: redirectUri,
    scope: scopes,
    state: "s-42",
    ...extra,
  });
  const page = await fetch(`${conf.server.url}/oauth/authorize?${params}`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain(String(conf.portalId));
  const form = new URLSearchParams({
    ...Object.fromEntries(params),
    portalId: String(conf.portalId),
    decision: "approve",
  });
  const approved = await fetch(`${conf.server.url}/oauth/authorize`, {
    method: "POST",
    body: form,
    redirect: "manual",
  });
  expect(approved.status).toBe(302);
  return new URL(approved.headers.get("location")!);
}

describe("OAuth through @hubspot/api-client (X-HS)", () => {
  it("exchanges a consent code, introspects, refreshes and revokes", async () => {
    const back = await consent({ optional_scope: "crm.objects.invoices.read" });
    expect(back.origin + back.pathname).toBe(redirectUri);
    expect(back.searchParams.get("state")).toBe("s-42");
    const code = back.searchParams.get("code")!;

    const tokens = await oauth.oauth.tokensApi.create(
      "authorization_code",
      code,
      redirectUri,
      "ledgerlink-dev",
      "ledgerlink-dev-secret",
    );
    expect(tokens).toMatchObject({ tokenType: "bearer", expiresIn: 1800 });
    expect(tokens.refreshToken).toMatch(/^na1-[0-9a-f]{4}-/);

    const info = await oauth.oauth.accessTokensApi.get(tokens.accessToken);
    expect(info).toMatchObject({ hubId: conf.portalId, appId: 1, tokenType: "access", expiresIn: 1800 });
    expect(info.scopes).toEqual([...scopes.split(" "), "crm.objects.invoices.read"]);
    expect(info.user).toContain("@");

    const refreshed = await oauth.oauth.tokensApi.create(
      "refresh_token",
      undefined,
      undefined,
      "ledgerlink-dev",
      "ledgerlink-dev-secret",
      tokens.refreshToken,
    );
    expect(refreshed.refreshToken).toBe(tokens.refreshToken);
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);

    const refreshInfo = await oauth.oauth.refreshTokensApi.get(tokens.refreshToken);
    expect(refreshInfo).toMatchObject({
      clientId: "ledgerlink-dev",
      hubId: conf.portalId,
      tokenType: "refresh",
    });

    const api = conf.clientWith(refreshed.accessToken);
    await api.crm.contacts.basicApi.getPage();
    await oauth.oauth.refreshTokensApi.archive(tokens.refreshToken);
    expect((await failureOf(api.crm.contacts.basicApi.getPage())).code).toBe(401);
    const revoked = await failureOf(
      oauth.oauth.tokensApi.create(
        "refresh_token",
        undefined,
        undefined,
        "ledgerlink-dev",
        "ledgerlink-dev-secret",
        tokens.refreshToken,
      ),
    );
    expect(revoked.code).toBe(400);
  });

  it("answers bad codes, secrets and refresh tokens with HubSpot's OAuth error bodies", async () => {
    const badCode = await failureOf(
      oauth.oauth.tokensApi.create(
        "authorization_code",
        "nope",
        redirectUri,
        "ledgerlink-dev",
        "ledgerlink-dev-secret",
      ),
    );
    expect(badCode).toMatchObject({ code: 400 });
    const body = await fetch(`${conf.server.url}/oauth/v1/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: "nope",
        client_id: "ledgerlink-dev",
        client_secret: "ledgerlink-dev-secret",
        redirect_uri: redirectUri,
      }),
    });
    expect(await body.json()).toMatchObject({
      status: "BAD_AUTH_CODE",
      error: "invalid_grant",
      error_description: "missing or unknown auth code",
    });

    const code = (await consent()).searchParams.get("code")!;
    const wrongSecret = await fetch(`${conf.server.url}/oauth/v1/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        client_id: "ledgerlink-dev",
        client_secret: "x",
        redirect_uri: redirectUri,
      }),
    });
    expect(await wrongSecret.json()).toMatchObject({ status: "BAD_CLIENT_SECRET", error: "invalid_client" });

    const badRefresh = await fetch(`${conf.server.url}/oauth/v1/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: "na1-0000",
        client_id: "ledgerlink-dev",
        client_secret: "ledgerlink-dev-secret",
      }),
    });
    expect(badRefresh.status).toBe(400);
    expect(await badRefresh.json()).toMatchObject({ status: "BAD_REFRESH_TOKEN", error: "invalid_grant" });
  });

  it("shows an error page, not a redirect, for an unknown client or redirect URI; speaks Japanese when asked", async () => {
    const evil = await fetch(
      `${conf.server.url}/oauth/authorize?client_id=ledgerlink-dev&redirect_uri=https://evil.example/cb&scope=oauth`,
      { redirect: "manual" },
    );
    expect(evil.status).toBe(400);
    expect(evil.headers.get("location")).toBeNull();
    expect(await evil.text()).toContain("https://evil.example/cb");
    const unknown = await fetch(
      `${conf.server.url}/oauth/authorize?client_id=who&redirect_uri=${redirectUri}&scope=oauth`,
    );
    expect(unknown.status).toBe(400);
    const ja = await fetch(
      `${conf.server.url}/oauth/authorize?client_id=ledgerlink-dev&redirect_uri=${redirectUri}&scope=oauth`,
      {
        headers: { "accept-language": "ja,en;q=0.8" },
      },
    );
    expect(await ja.text()).toContain("アプリを接続");
  });

  it("refuses an install URL naming a scope HubSpot does not publish, on the page and on approval", async () => {
    const params = (extra: Record<string, string>) =>
      new URLSearchParams({
        client_id: "ledgerlink-dev",
        redirect_uri: redirectUri,
        scope: scopes,
        ...extra,
      });
    const invalid: Array<Record<string, string>> = [
      { scope: `${scopes} crm.schemas.products.write` },
      { optional_scope: "crm.schemas.line_items.write" },
    ];
    for (const extra of invalid) {
      const page = await fetch(`${conf.server.url}/oauth/authorize?${params(extra)}`, { redirect: "manual" });
      expect(page.status).toBe(400);
      expect(page.headers.get("location")).toBeNull();
      expect(await page.text()).toMatch(/not HubSpot scopes: crm\.schemas\.(products|line_items)\.write/);
    }
    const form = new URLSearchParams({
      ...Object.fromEntries(params({ scope: "oauth crm.objects.contact.read" })),
      portalId: String(conf.portalId),
      decision: "approve",
      lang: "ja",
    });
    const approved = await fetch(`${conf.server.url}/oauth/authorize`, {
      method: "POST",
      body: form,
      redirect: "manual",
    });
    expect(approved.status).toBe(400);
    expect(approved.headers.get("location")).toBeNull();
    expect(await approved.text()).toContain(
      "次のスコープは HubSpot に存在しません: crm.objects.contact.read",
    );
    // e-commerce, which changes product and line item properties, is a HubSpot scope.
    const back = await consent({ scope: `${scopes} e-commerce` });
    expect(back.searchParams.get("code")).toMatch(/.+/);
  });

  it("answers expired, invalid and under-scoped tokens with 401 and 403 bodies", async () => {
    const invalid = await failureOf(conf.clientWith("not-a-token").crm.contacts.basicApi.getPage());
    expect(invalid).toMatchObject({ code: 401, body: { category: "INVALID_AUTHENTICATION" } });

    const narrow = conf.emulator.issueToken(conf.portalId, {
      scopes: ["crm.objects.contacts.read"],
    }).access_token;
    const forbidden = await raw(
      conf,
      "POST",
      "/crm/v3/objects/invoices",
      { properties: { hs_currency: "USD" } },
      narrow,
    );
    expect(forbidden).toMatchObject({
      status: 403,
      body: {
        status: "error",
        category: "MISSING_SCOPES",
        errors: [
          {
            message: "One or more of the following scopes are required.",
            context: { requiredGranularScopes: ["crm.objects.invoices.write"] },
          },
        ],
      },
    });

    conf.emulator.clock.advance(1812 * 1000);
    const expired = await raw(conf, "GET", "/crm/v3/objects/contacts", undefined, narrow);
    expect(expired).toMatchObject({
      status: 401,
      body: {
        status: "error",
        category: "EXPIRED_AUTHENTICATION",
        message: "The OAuth token used to make this call expired 12 second(s) ago.",
      },
    });
    expect((expired.body.context as Record<string, string[]>)["expire time"]).toHaveLength(1);
  });
});
