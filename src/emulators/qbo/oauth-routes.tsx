import { Hono, type Context } from "hono";
import { ConsentError, ConsentPage, consentLocale } from "./consent-page.tsx";
import type { QboApp } from "./oauth-store.ts";
import type { QboWorld } from "./world.ts";

const KNOWN_SCOPES = new Set([
  "com.intuit.quickbooks.accounting",
  "com.intuit.quickbooks.payment",
  "openid",
  "profile",
  "email",
  "phone",
  "address",
]);

/** Registered URIs must match exactly; the dev app accepts any http(s) URI on localhost. */
function redirectAllowed(app: QboApp, uri: string): boolean {
  if (app.redirectUris.length > 0) return app.redirectUris.includes(uri);
  try {
    const url = new URL(uri);
    return /^https?:$/.test(url.protocol) && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  } catch {
    return false;
  }
}

function redirectWith(uri: string, params: Record<string, string>): Response {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return new Response(null, { status: 302, headers: { location: url.toString() } });
}

/** Client credentials from HTTP Basic (what Intuit requires) or, leniently, from the form. */
function clientFrom(c: Context, form: URLSearchParams): { id: string; secret: string } | undefined {
  const header = c.req.header("authorization");
  if (header?.toLowerCase().startsWith("basic ")) {
    const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon > 0) return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
  }
  const id = form.get("client_id");
  const secret = form.get("client_secret");
  return id && secret ? { id, secret } : undefined;
}

const oauthError = (error: string, status: 400 | 401) =>
  Response.json({ error }, { status, headers: { "cache-control": "no-store" } });

/** Intuit's OAuth 2.0 endpoints (docs/vendors/quickbooks.md §1): consent, token, revoke. */
export function oauthRoutes(world: QboWorld): Hono {
  const app = new Hono();

  const validate = (params: URLSearchParams) => {
    const clientId = params.get("client_id") ?? "";
    const redirectUri = params.get("redirect_uri") ?? "";
    const registered = world.apps.get(clientId);
    if (!registered) return { ok: false as const, error: `Unknown client_id "${clientId}".` };
    if (!redirectAllowed(registered, redirectUri)) {
      return { ok: false as const, error: `redirect_uri "${redirectUri}" is not registered for this app.` };
    }
    return { ok: true as const, clientId, redirectUri };
  };

  app.get("/connect/oauth2", (c) => {
    const params = new URL(c.req.url).searchParams;
    const locale = consentLocale(params.get("lang") ?? undefined, c.req.header("accept-language"));
    const checked = validate(params);
    if (!checked.ok) return c.html(<ConsentError locale={locale} reason={checked.error} />, 400);
    const state = params.get("state") ?? "";
    const withState = (error: string) =>
      redirectWith(checked.redirectUri, state ? { error, state } : { error });
    if (params.get("response_type") !== "code") return withState("unsupported_response_type");
    const scopes = (params.get("scope") ?? "").split(/[\s+]+/).filter(Boolean);
    if (scopes.length === 0 || scopes.some((s) => !KNOWN_SCOPES.has(s))) return withState("invalid_scope");
    const hidden = {
      client_id: checked.clientId,
      redirect_uri: checked.redirectUri,
      scope: scopes.join(" "),
      state,
      lang: locale,
    };
    return c.html(
      <ConsentPage
        locale={locale}
        clientId={checked.clientId}
        companies={[...world.companies.values()]}
        hidden={hidden}
      />,
    );
  });

  app.post("/connect/oauth2", async (c) => {
    const form = new URLSearchParams(await c.req.text());
    const locale = consentLocale(form.get("lang") ?? undefined, c.req.header("accept-language"));
    const checked = validate(form);
    if (!checked.ok) return c.html(<ConsentError locale={locale} reason={checked.error} />, 400);
    const state = form.get("state") ?? "";
    const stateParam: Record<string, string> = state ? { state } : {};
    if (form.get("decision") !== "approve")
      return redirectWith(checked.redirectUri, { error: "access_denied", ...stateParam });
    const realmId = form.get("realmId") ?? "";
    if (!world.companies.has(realmId)) {
      return c.html(<ConsentError locale={locale} reason={`Unknown company "${realmId}".`} />, 400);
    }
    const scopes = (form.get("scope") ?? "").split(" ").filter(Boolean);
    const code = world.oauth.issueCode(
      { clientId: checked.clientId, redirectUri: checked.redirectUri, realmId, scopes },
      world.now().getTime(),
    );
    world.changed();
    return redirectWith(checked.redirectUri, { code, ...stateParam, realmId });
  });

  app.post("/oauth2/v1/tokens/bearer", async (c) => {
    const form = new URLSearchParams(await c.req.text());
    const client = clientFrom(c, form);
    const registered = client && world.apps.get(client.id);
    if (!client || !registered || registered.clientSecret !== client.secret)
      return oauthError("invalid_client", 401);
    const nowMs = world.now().getTime();
    const hardInfo = c.req.header("x-include-refresh-token-hard-expires-in") === "true";
    const grantType = form.get("grant_type");
    let result;
    if (grantType === "authorization_code") {
      const code = form.get("code");
      if (!code) return oauthError("invalid_request", 400);
      result = world.oauth.redeemCode(
        code,
        client.id,
        form.get("redirect_uri") ?? undefined,
        nowMs,
        hardInfo,
      );
    } else if (grantType === "refresh_token") {
      const token = form.get("refresh_token");
      if (!token) return oauthError("invalid_request", 400);
      result = world.oauth.useRefreshToken(token, client.id, nowMs, hardInfo);
      if (result.ok && world.oauth.loseRefreshReplies > 0) {
        // The rotation happened, but the reply never reaches the client (docs/vendors/quickbooks.md §1.4).
        world.oauth.loseRefreshReplies -= 1;
        world.changed();
        return c.text("upstream connection reset", 502);
      }
    } else {
      return oauthError("unsupported_grant_type", 400);
    }
    world.changed();
    if (!result.ok) return oauthError(result.error, 400);
    return Response.json(result.pair, {
      headers: { "cache-control": "no-store", intuit_tid: crypto.randomUUID() },
    });
  });

  app.post("/v2/oauth2/tokens/revoke", async (c) => {
    const text = await c.req.text();
    let token: string | null = null;
    const isJson = (c.req.header("content-type") ?? "").includes("json");
    if (isJson) {
      try {
        token = (JSON.parse(text) as { token?: string }).token ?? null;
      } catch {
        return oauthError("invalid_request", 400);
      }
    }
    const form = new URLSearchParams(isJson ? "" : text);
    token ??= form.get("token");
    const client = clientFrom(c, form);
    const registered = client && world.apps.get(client.id);
    if (!client || !registered || registered.clientSecret !== client.secret)
      return oauthError("invalid_client", 401);
    if (!token) return oauthError("invalid_request", 400);
    // As RFC 7009 asks, an unknown token is not an error: it is already unusable.
    world.oauth.revoke(token, client.id);
    world.changed();
    return c.body(null, 200);
  });

  return app;
}
