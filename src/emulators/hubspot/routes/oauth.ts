import { randomUUID } from "node:crypto";
import { Hono, type Context } from "hono";
import type { HsEnv } from "../auth.ts";
import { ERRORS, consentPage, errorPage, pickLang, type Lang } from "../consent-page.ts";
import type { HsApp } from "../contract.ts";
import { errorResponse } from "../errors.ts";
import { ALL_SCOPES, hubDomain, tokenBody } from "../oauth.ts";
import type { World } from "../world.ts";

/**
 * HubSpot OAuth (docs/vendors/hubspot.md §2): the consent page at `/oauth/authorize` (HubSpot serves it on
 * app.hubspot.com), the token endpoint, and token introspection and revocation.
 */
export function oauthRoutes(world: World): Hono<HsEnv> {
  const app = new Hono<HsEnv>();

  for (const path of ["/oauth/authorize", "/oauth/:portalId/authorize"]) {
    app.get(path, (c) => authorizePage(c, world, Object.fromEntries(new URL(c.req.url).searchParams)));
    app.post(path, async (c) => {
      const form = stringsOf(await c.req.parseBody());
      const lang = pickLang(form.lang ?? c.req.query("lang"), c.req.header("accept-language"));
      const checked = checkClient(world, form, lang);
      if (checked instanceof Response) return checked;
      const target = new URL(form.redirect_uri ?? "");
      if (form.state !== undefined) target.searchParams.set("state", form.state);
      if (form.decision !== "approve") {
        target.searchParams.set("error", "access_denied");
        target.searchParams.set("error_description", "The user did not approve the app.");
        return c.redirect(target.toString(), 302);
      }
      const portal = world.portal(Number(form.portalId));
      if (!portal) return htmlError(lang, ERRORS[lang].badPortal);
      const scopes = [...splitScopes(form.scope), ...splitScopes(form.optional_scope)];
      // The code is bound to the redirect URI exactly as the app sent it; the token call must repeat it.
      target.searchParams.set(
        "code",
        world.oauth.issueCode(checked, form.redirect_uri!, portal.settings, scopes),
      );
      return c.redirect(target.toString(), 302);
    });
  }

  for (const path of ["/oauth/v1/token", "/oauth/:version{\\d{4}-\\d{2}}/token"])
    app.post(path, async (c) => token(world, stringsOf(await c.req.parseBody())));

  app.get("/oauth/v1/access-tokens/:token", (c) => {
    const grant = world.oauth.access(c.req.param("token"));
    if (!grant) return errorResponse(404, "OBJECT_NOT_FOUND", "Token not found");
    const expiresIn = Math.floor((grant.expiresAt - world.clock.now().getTime()) / 1000);
    if (expiresIn <= 0)
      return errorResponse(
        401,
        "EXPIRED_AUTHENTICATION",
        `The OAuth token expired ${-expiresIn} second(s) ago.`,
      );
    return c.json({
      token: grant.token,
      user: grant.user,
      hub_domain: hubDomain(grant.portalId),
      scopes: grant.scopes,
      hub_id: grant.portalId,
      app_id: grant.appId,
      expires_in: expiresIn,
      user_id: grant.userId,
      token_type: "access",
      is_private_distribution: false,
    });
  });

  app.get("/oauth/v1/refresh-tokens/:token", (c) => {
    const grant = world.oauth.refreshGrant(c.req.param("token"));
    if (!grant) return errorResponse(404, "OBJECT_NOT_FOUND", "Refresh token not found");
    return c.json({
      token: grant.token,
      user: grant.user,
      hub_domain: hubDomain(grant.portalId),
      scopes: grant.scopes,
      hub_id: grant.portalId,
      client_id: grant.clientId,
      user_id: grant.userId,
      token_type: "refresh",
    });
  });

  app.delete("/oauth/v1/refresh-tokens/:token", (c) => {
    if (!world.oauth.revoke(c.req.param("token")))
      return errorResponse(404, "OBJECT_NOT_FOUND", "Refresh token not found");
    return c.body(null, 204);
  });

  return app;
}

function authorizePage(c: Context<HsEnv>, world: World, query: Record<string, string>): Response {
  const lang = pickLang(query.lang, c.req.header("accept-language"));
  const checked = checkClient(world, query, lang);
  if (checked instanceof Response) return checked;
  const hidden: Record<string, string> = { lang };
  for (const name of ["client_id", "redirect_uri", "scope", "optional_scope", "state"])
    if (query[name] !== undefined) hidden[name] = query[name];
  const portals = [...world.portals.keys()];
  const selected = Number(c.req.param("portalId"));
  const view = {
    lang,
    appName: checked.clientId,
    portals,
    selectedPortal: portals.includes(selected) ? selected : undefined,
    scopes: splitScopes(query.scope),
    optionalScopes: splitScopes(query.optional_scope),
    hidden,
  };
  return new Response(String(consentPage(view)), { headers: { "content-type": "text/html; charset=utf-8" } });
}

const KNOWN_SCOPES: ReadonlySet<string> = new Set(ALL_SCOPES);

/**
 * An unknown client, a redirect URI the app does not list, no scope or an unknown one: an error
 * page, never a redirect.
 */
function checkClient(world: World, params: Record<string, string | undefined>, lang: Lang): HsApp | Response {
  const t = ERRORS[lang];
  const app = world.oauth.appByClientId(params.client_id ?? "");
  if (!app) return htmlError(lang, t.badClient(params.client_id ?? ""));
  if (!world.oauth.redirectAllowed(app, params.redirect_uri ?? ""))
    return htmlError(lang, t.badRedirect(params.redirect_uri ?? ""));
  if (splitScopes(params.scope).length === 0) return htmlError(lang, t.noScope);
  // HubSpot refuses the install URL when it names a scope that does not exist (a typo, or a scope
  // HubSpot never published), before the user sees the consent page; so does the POST.
  const requested = [...splitScopes(params.scope), ...splitScopes(params.optional_scope)];
  const unknown = requested.filter((scope) => !KNOWN_SCOPES.has(scope));
  if (unknown.length) return htmlError(lang, t.badScope(unknown.join(", ")));
  return app;
}

function htmlError(lang: Lang, message: string): Response {
  return new Response(String(errorPage(lang, message)), {
    status: 400,
    headers: { "content-type": "text/html; charset=utf-8" },
  });
}

const splitScopes = (value: string | undefined) => (value ?? "").split(/[\s+]+/).filter(Boolean);

function stringsOf(body: Record<string, unknown>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === "string") out[key] = value;
  return out;
}

/**
 * OAuth failures: HubSpot's `status` code word plus the RFC 6749 `error` pair (docs/vendors/hubspot.md §2).
 */
function oauthError(status: string, error: string, message: string): Response {
  return Response.json(
    { status, message, correlationId: randomUUID(), error, error_description: message },
    { status: 400 },
  );
}

function token(world: World, form: Record<string, string | undefined>): Response {
  const app = world.oauth.appByClientId(form.client_id ?? "");
  if (!app) return oauthError("BAD_CLIENT_ID", "invalid_client", "missing or unknown client id");
  if (form.client_secret !== app.clientSecret)
    return oauthError("BAD_CLIENT_SECRET", "invalid_client", "missing or invalid client secret");
  if (form.grant_type === "authorization_code") {
    const taken = world.oauth.takeCode(form.code ?? "");
    if (!taken.ok)
      return taken.reason === "expired"
        ? oauthError("EXPIRED_AUTH_CODE", "invalid_grant", "auth code is expired")
        : oauthError("BAD_AUTH_CODE", "invalid_grant", "missing or unknown auth code");
    if (taken.code.clientId !== app.clientId)
      return oauthError("BAD_AUTH_CODE", "invalid_grant", "missing or unknown auth code");
    if (taken.code.redirectUri !== form.redirect_uri)
      return oauthError(
        "BAD_REDIRECT_URI",
        "invalid_grant",
        "redirect_uri does not match the authorization request",
      );
    if (!world.portal(taken.code.grant.portalId))
      return oauthError("BAD_AUTH_CODE", "invalid_grant", "missing or unknown auth code");
    return Response.json(tokenBody(world.oauth.installGrant(taken.code.grant)));
  }
  if (form.grant_type === "refresh_token") {
    const refresh = world.oauth.refreshGrant(form.refresh_token ?? "");
    if (!refresh || refresh.clientId !== app.clientId || !world.portal(refresh.portalId))
      return oauthError("BAD_REFRESH_TOKEN", "invalid_grant", "missing or invalid refresh token");
    return Response.json(tokenBody(world.oauth.issueAccess(refresh)));
  }
  return oauthError(
    "BAD_GRANT_TYPE",
    "unsupported_grant_type",
    `unsupported grant_type ${form.grant_type ?? ""}`,
  );
}
