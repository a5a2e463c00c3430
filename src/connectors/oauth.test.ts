import { describe, expect, it } from "vitest";
import { ManualClock } from "../lib/clock.ts";
import { metrics } from "../lib/metrics.ts";
import { hubspotOAuth, type HubSpotApp } from "./hubspot/oauth.ts";
import { requestTokens, revokeToken } from "./oauth.ts";
import { intuitOAuth, type IntuitApp } from "./qbo/oauth.ts";

/**
 * The one token routine, run with each vendor's facts against a scripted endpoint: what it sends
 * (where the client's credentials go), what it reads back, and how it classifies a refusal.
 */
type Reply = Response | Error;

interface Sent {
  url: string;
  method: string;
  headers: Headers;
  body: string;
}

function scripted(replies: Reply[]) {
  const sent: Sent[] = [];
  const fetchFn = (async (url: string, init: RequestInit) => {
    sent.push({
      url,
      method: init.method ?? "GET",
      headers: new Headers(init.headers),
      body: typeof init.body === "string" ? init.body : "",
    });
    const reply = replies.shift();
    if (!reply) throw new Error("no reply scripted");
    if (reply instanceof Error) throw reply;
    return reply;
  }) as unknown as typeof fetch;
  return { sent, fetchFn };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

const clock = new ManualClock("2026-05-01T00:00:00Z");
const at = (seconds: number) => new Date(clock.now().getTime() + seconds * 1000);

function hubspotApp(fetchFn: typeof fetch): HubSpotApp {
  return {
    clientId: "hs-client",
    clientSecret: "hs-secret",
    redirectUri: "http://localhost/oauth/hubspot/callback",
    authBaseUrl: "http://hs-app",
    apiBaseUrl: "http://hs-api",
    fetch: fetchFn,
    clock,
  };
}

function intuitApp(fetchFn: typeof fetch): IntuitApp {
  return {
    clientId: "qb-client",
    clientSecret: "qb-secret",
    redirectUri: "http://localhost/oauth/qbo/callback",
    authBaseUrl: "http://appcenter",
    oauthBaseUrl: "http://qb-oauth",
    revokeBaseUrl: "http://qb-revoke",
    fetch: fetchFn,
    clock,
  };
}

const hubspotAnswer = {
  token_type: "bearer",
  access_token: "hs-access",
  refresh_token: "hs-refresh",
  expires_in: 1800,
  scopes: ["oauth", "crm.objects.deals.read"],
};

const intuitAnswer = {
  token_type: "bearer",
  access_token: "qb-access",
  refresh_token: "qb-refresh-2",
  expires_in: 3600,
  x_refresh_token_expires_in: 8_726_400,
};

describe("token exchange with HubSpot's facts", () => {
  it("sends the client's id and secret in the form body, no Authorization header", async () => {
    const { sent, fetchFn } = scripted([json(200, hubspotAnswer)]);
    const res = await requestTokens(hubspotOAuth, hubspotApp(fetchFn), {
      kind: "authorization_code",
      code: "the-code",
    });
    expect(res).toEqual({
      ok: true,
      value: {
        accessToken: "hs-access",
        refreshToken: "hs-refresh",
        accessExpiresAt: at(1800),
        scopes: ["oauth", "crm.objects.deals.read"],
      },
    });
    const [request] = sent;
    expect(request!.url).toBe("http://hs-api/oauth/v1/token");
    expect(request!.method).toBe("POST");
    expect(request!.headers.get("authorization")).toBeNull();
    expect(request!.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(request!.body))).toEqual({
      grant_type: "authorization_code",
      client_id: "hs-client",
      client_secret: "hs-secret",
      redirect_uri: "http://localhost/oauth/hubspot/callback",
      code: "the-code",
    });
  });

  it("repeats the redirect URI on a refresh, and an answer without scopes has none", async () => {
    const { scopes: _scopes, ...withoutScopes } = hubspotAnswer;
    const { sent, fetchFn } = scripted([json(200, withoutScopes)]);
    const res = await requestTokens(hubspotOAuth, hubspotApp(fetchFn), {
      kind: "refresh_token",
      refreshToken: "old-refresh",
    });
    expect(res.ok && res.value.scopes).toEqual([]);
    expect(Object.fromEntries(new URLSearchParams(sent[0]!.body))).toEqual({
      grant_type: "refresh_token",
      client_id: "hs-client",
      client_secret: "hs-secret",
      redirect_uri: "http://localhost/oauth/hubspot/callback",
      refresh_token: "old-refresh",
    });
  });

  it("classifies HubSpot's own refusals: BAD_REFRESH_TOKEN and BAD_CLIENT_ID need a reconnect", async () => {
    const { fetchFn } = scripted([
      json(400, { status: "BAD_REFRESH_TOKEN", message: "refresh token is invalid" }),
      json(400, { status: "BAD_CLIENT_ID", message: "unknown client" }),
    ]);
    const app = hubspotApp(fetchFn);
    const grant = { kind: "refresh_token", refreshToken: "r" } as const;
    expect(await requestTokens(hubspotOAuth, app, grant)).toEqual({
      ok: false,
      error: { kind: "invalid_grant", status: 400, message: "refresh token is invalid" },
    });
    expect(await requestTokens(hubspotOAuth, app, grant)).toEqual({
      ok: false,
      error: { kind: "invalid_client", status: 400, message: "unknown client" },
    });
  });

  it("revokes with a DELETE of the token in the URL; 404 means already gone", async () => {
    const { sent, fetchFn } = scripted([
      new Response(null, { status: 204 }),
      new Response("", { status: 404 }),
    ]);
    const app = hubspotApp(fetchFn);
    expect(await revokeToken(hubspotOAuth, app, "a/b")).toEqual({ ok: true, value: undefined });
    expect(await revokeToken(hubspotOAuth, app, "gone")).toEqual({ ok: true, value: undefined });
    expect(sent[0]).toMatchObject({
      url: "http://hs-api/oauth/v1/refresh-tokens/a%2Fb",
      method: "DELETE",
      body: "",
    });
    expect(sent[0]!.headers.get("authorization")).toBeNull();
  });
});

describe("token exchange with Intuit's facts", () => {
  const basic = `Basic ${Buffer.from("qb-client:qb-secret").toString("base64")}`;

  it("authenticates with HTTP Basic, keeps the secret out of the body, reads the refresh token's lifetime", async () => {
    const { sent, fetchFn } = scripted([json(200, intuitAnswer)]);
    const res = await requestTokens(intuitOAuth, intuitApp(fetchFn), {
      kind: "authorization_code",
      code: "the-code",
    });
    expect(res).toEqual({
      ok: true,
      value: {
        accessToken: "qb-access",
        refreshToken: "qb-refresh-2",
        accessExpiresAt: at(3600),
        refreshExpiresAt: at(8_726_400),
      },
    });
    const [request] = sent;
    expect(request!.url).toBe("http://qb-oauth/oauth2/v1/tokens/bearer");
    expect(request!.headers.get("authorization")).toBe(basic);
    expect(Object.fromEntries(new URLSearchParams(request!.body))).toEqual({
      grant_type: "authorization_code",
      redirect_uri: "http://localhost/oauth/qbo/callback",
      code: "the-code",
    });
  });

  it("sends only the grant type and the refresh token on a refresh", async () => {
    const { sent, fetchFn } = scripted([json(200, intuitAnswer)]);
    await requestTokens(intuitOAuth, intuitApp(fetchFn), {
      kind: "refresh_token",
      refreshToken: "qb-refresh-1",
    });
    expect(Object.fromEntries(new URLSearchParams(sent[0]!.body))).toEqual({
      grant_type: "refresh_token",
      refresh_token: "qb-refresh-1",
    });
  });

  it("treats an answer without x_refresh_token_expires_in as malformed, never as a token", async () => {
    const { x_refresh_token_expires_in: _lifetime, ...short } = intuitAnswer;
    const { fetchFn } = scripted([json(200, short)]);
    const res = await requestTokens(intuitOAuth, intuitApp(fetchFn), {
      kind: "refresh_token",
      refreshToken: "r",
    });
    expect(res.ok ? "ok" : res.error.kind).toBe("malformed");
  });

  it("classifies refusals: invalid_grant, 401, 5xx and 429 (retryable), a network failure, an HTML page", async () => {
    const { fetchFn } = scripted([
      json(400, { error: "invalid_grant", error_description: "Token invalid" }),
      new Response("Unauthorized", { status: 401 }),
      new Response("<html>maintenance</html>", { status: 503 }),
      json(429, { error: "rate_limited" }),
      new TypeError("fetch failed"),
      new Response("<html>not json</html>", { status: 200 }),
    ]);
    const app = intuitApp(fetchFn);
    const grant = { kind: "refresh_token", refreshToken: "r" } as const;
    const kinds = [];
    for (let i = 0; i < 6; i += 1) {
      const res = await requestTokens(intuitOAuth, app, grant);
      kinds.push(res.ok ? "ok" : `${res.error.kind}:${res.error.status ?? "-"}`);
    }
    expect(kinds).toEqual([
      "invalid_grant:400",
      "invalid_client:401",
      "server:503",
      "server:429",
      "network:-",
      "malformed:200",
    ]);
  });

  it("revokes by posting the token as JSON with Basic auth; 400 means already revoked, 401 is a client failure", async () => {
    const { sent, fetchFn } = scripted([
      new Response(null, { status: 200 }),
      json(400, { error: "invalid_token" }),
      new Response("no", { status: 401 }),
    ]);
    const app = intuitApp(fetchFn);
    expect(await revokeToken(intuitOAuth, app, "qb-refresh")).toEqual({ ok: true, value: undefined });
    expect(await revokeToken(intuitOAuth, app, "old")).toEqual({ ok: true, value: undefined });
    expect(await revokeToken(intuitOAuth, app, "x")).toEqual({
      ok: false,
      error: { kind: "invalid_client", status: 401, message: "no" },
    });
    expect(sent[0]).toMatchObject({
      url: "http://qb-revoke/v2/oauth2/tokens/revoke",
      method: "POST",
      body: JSON.stringify({ token: "qb-refresh" }),
    });
    expect(sent[0]!.headers.get("authorization")).toBe(basic);
    expect(sent[0]!.headers.get("content-type")).toBe("application/json");
  });
});

describe("token refresh metrics (ADR 0028)", () => {
  const refreshes = async (vendor: string, outcome: string) =>
    (await metrics.tokenRefreshes.get()).values.find(
      (v) => v.labels.vendor === vendor && v.labels.outcome === outcome,
    )?.value ?? 0;

  it("counts refreshes by vendor and outcome, and never a first consent", async () => {
    const before = { ok: await refreshes("qbo", "ok"), refused: await refreshes("qbo", "invalid_grant") };
    const { fetchFn } = scripted([
      json(200, {
        access_token: "a",
        refresh_token: "r",
        expires_in: 3600,
        token_type: "bearer",
        x_refresh_token_expires_in: 100,
      }),
      json(400, { error: "invalid_grant" }),
      json(200, {
        access_token: "a",
        refresh_token: "r",
        expires_in: 3600,
        token_type: "bearer",
        x_refresh_token_expires_in: 100,
      }),
    ]);
    const app = intuitApp(fetchFn);
    expect((await requestTokens(intuitOAuth, app, { kind: "refresh_token", refreshToken: "r" })).ok).toBe(
      true,
    );
    expect((await requestTokens(intuitOAuth, app, { kind: "refresh_token", refreshToken: "r" })).ok).toBe(
      false,
    );
    await requestTokens(intuitOAuth, app, { kind: "authorization_code", code: "c" });
    expect((await refreshes("qbo", "ok")) - before.ok).toBe(1);
    expect((await refreshes("qbo", "invalid_grant")) - before.refused).toBe(1);
  });
});
