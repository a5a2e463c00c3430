import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { qboClient, startQboHarness, type QboHarness } from "./harness.ts";

type Json = Record<string, unknown>;
interface OAuthClientLike {
  authorizeUri(params: { scope: string[]; state: string }): string;
  createToken(url: string): Promise<{ json: Json }>;
  refreshUsingToken(token: string): Promise<{ json: Json }>;
  revoke(params: { refresh_token?: string; access_token?: string }): Promise<unknown>;
  setAuthorizeURLs(urls: Record<string, string>): OAuthClientLike;
}
type OAuthClientClass = (new (config: Json) => OAuthClientLike) & { scopes: Record<string, string> };
const OAuthClient = createRequire(import.meta.url)("intuit-oauth") as OAuthClientClass;

const redirectUri = "http://localhost:3000/oauth/qbo/callback";

/** The OAuth error code from intuit-oauth's rejection (an axios error or its own wrapper). */
function grantError(e: unknown): unknown {
  const err = e as {
    response?: { data?: { error?: string } };
    error?: string;
    authResponse?: { json?: { error?: string } };
  };
  return err.response?.data?.error ?? err.authResponse?.json?.error ?? err.error;
}

/** X-QB: Intuit OAuth 2.0 driven by Intuit's own `intuit-oauth` client, endpoints overridden. */
describe("QBO emulator: OAuth with intuit-oauth (X-QB)", () => {
  let h: QboHarness;
  let client: OAuthClientLike;
  let realmId: string;

  beforeAll(async () => {
    h = await startQboHarness();
    realmId = String((await h.control("/companies", { name: "Consent Co", country: "US" })).body.realmId);
    client = new OAuthClient({
      clientId: "ledgerlink-dev",
      clientSecret: "ledgerlink-dev-secret",
      environment: "sandbox",
      redirectUri,
    }).setAuthorizeURLs({
      authorizeEndpoint: `${h.url}/connect/oauth2`,
      tokenEndpoint: `${h.url}/oauth2/v1/tokens/bearer`,
      revokeEndpoint: `${h.url}/v2/oauth2/tokens/revoke`,
      userInfoEndpoint: `${h.url}/v1/openid_connect/userinfo`,
    });
  });
  afterAll(() => h.close());

  /** Walks the consent page as a user would: open it, pick the company, approve. */
  async function consent(state: string): Promise<string> {
    const authorize = client.authorizeUri({ scope: [OAuthClient.scopes.Accounting!], state });
    const page = await fetch(authorize);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain("Consent Co");
    const form = new URLSearchParams({
      client_id: "ledgerlink-dev",
      redirect_uri: redirectUri,
      scope: "com.intuit.quickbooks.accounting",
      state,
      realmId,
      decision: "approve",
    });
    const res = await fetch(`${h.url}/connect/oauth2`, { method: "POST", body: form, redirect: "manual" });
    expect(res.status).toBe(302);
    return res.headers.get("location")!;
  }

  it("consent redirects with code, state and realmId; the code exchanges once", async () => {
    const callback = await consent("st-1");
    const url = new URL(callback);
    expect(url.origin + url.pathname).toBe(redirectUri);
    expect(url.searchParams.get("state")).toBe("st-1");
    expect(url.searchParams.get("realmId")).toBe(realmId);
    const token = (await client.createToken(callback)).json;
    expect(token).toMatchObject({
      token_type: "bearer",
      expires_in: 3600,
      x_refresh_token_expires_in: 8_640_000,
    });
    const info = await qboClient(h.url, realmId, token).call<Json>("getCompanyInfo", realmId);
    expect(info).toMatchObject({ CompanyName: "Consent Co", Country: "US" });
    const again = await client.createToken(callback).catch(grantError);
    expect(again).toBe("invalid_grant");
  });

  it("rotates refresh tokens; a token whose successor was used is invalid_grant", async () => {
    const first = (await client.createToken(await consent("st-2"))).json;
    const second = (await client.refreshUsingToken(String(first.refresh_token))).json;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    // Until the new token is used, the old one still works (a client that lost the reply can retry).
    const retried = (await client.refreshUsingToken(String(first.refresh_token))).json;
    const third = (await client.refreshUsingToken(String(retried.refresh_token))).json;
    expect(third.access_token).toBeTruthy();
    const reused = await client.refreshUsingToken(String(first.refresh_token)).catch(grantError);
    expect(reused).toBe("invalid_grant");
    const stale = await client.refreshUsingToken(String(second.refresh_token)).catch(grantError);
    expect(stale).toBe("invalid_grant");
  });

  it("strict rotation refuses the old token at once", async () => {
    await h.control("/oauth", { rotation: "strict" });
    const first = (await client.createToken(await consent("st-3"))).json;
    await client.refreshUsingToken(String(first.refresh_token));
    const reused = await client.refreshUsingToken(String(first.refresh_token)).catch(grantError);
    expect(reused).toBe("invalid_grant");
    await h.control("/oauth", { rotation: "lenient" });
  });

  it("access tokens expire after 3600 s on the emulator clock (401 gateway body)", async () => {
    const token = (await client.createToken(await consent("st-4"))).json;
    h.clock.advance(3601_000);
    const res = await fetch(`${h.url}/v3/company/${realmId}/companyinfo/${realmId}`, {
      headers: { authorization: `Bearer ${String(token.access_token)}`, accept: "application/json" },
    });
    expect(res.status).toBe(401);
    const body = (await res.json()) as {
      fault: { error: Array<{ code: string; detail: string }>; type: string };
    };
    expect(body.fault).toMatchObject({ type: "AUTHENTICATION", error: [{ code: "3200" }] });
    expect(body.fault.error[0]!.detail).toMatch(/^Token expired/);
  });

  it("bad client credentials are invalid_client; revoke (JSON and form) disconnects", async () => {
    const res = await fetch(`${h.url}/oauth2/v1/tokens/bearer`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from("ledgerlink-dev:wrong").toString("base64")}` },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: "x" }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "invalid_client" });

    const token = (await client.createToken(await consent("st-5"))).json;
    await client.revoke({ refresh_token: String(token.refresh_token) });
    const api = await fetch(`${h.url}/v3/company/${realmId}/preferences`, {
      headers: { authorization: `Bearer ${String(token.access_token)}` },
    });
    expect(api.status).toBe(401);

    const other = (await h.control("/tokens", { realmId })).body;
    const qbo = qboClient(h.url, realmId, other);
    (qbo.raw.constructor as unknown as { REVOKE_URL: string }).REVOKE_URL =
      `${h.url}/v2/oauth2/tokens/revoke`;
    await new Promise<void>((resolve, reject) =>
      qbo.raw.revokeAccess(true, (err: unknown) => (err ? reject(err as Error) : resolve())),
    );
    const after = await qbo
      .call("getPreferences")
      .catch((e: { response?: { status?: number } }) => e.response?.status);
    expect(after).toBe(401);
  });

  it("refuses an unregistered redirect URI without redirecting, and passes a denial back", async () => {
    const bad = await fetch(
      `${h.url}/connect/oauth2?client_id=ledgerlink-dev&response_type=code&scope=com.intuit.quickbooks.accounting&redirect_uri=https://evil.example/cb&state=s`,
      { redirect: "manual" },
    );
    expect(bad.status).toBe(400);
    const ja = await fetch(`${h.url}/connect/oauth2?client_id=nobody&redirect_uri=${redirectUri}&lang=ja`);
    expect(await ja.text()).toContain("この接続リクエストは使えません");
    const deny = await fetch(`${h.url}/connect/oauth2`, {
      method: "POST",
      redirect: "manual",
      body: new URLSearchParams({
        client_id: "ledgerlink-dev",
        redirect_uri: redirectUri,
        state: "s9",
        decision: "deny",
      }),
    });
    expect(deny.headers.get("location")).toBe(`${redirectUri}?error=access_denied&state=s9`);
  });

  it("a token for another company is refused with code 100", async () => {
    const other = String((await h.control("/companies", { name: "Other", country: "US" })).body.realmId);
    const token = (await h.control("/tokens", { realmId: other })).body;
    const res = await fetch(`${h.url}/v3/company/${realmId}/preferences`, {
      headers: { authorization: `Bearer ${String(token.access_token)}` },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      Fault: { Error: [{ code: "100" }], type: "AuthenticationFault" },
    });
  });
});
