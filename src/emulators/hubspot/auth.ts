import type { Context, MiddlewareHandler } from "hono";
import { errorResponse } from "./errors.ts";
import type { AccessGrant } from "./oauth.ts";
import type { Portal } from "./portal.ts";
import type { WriteSource } from "./records.ts";
import type { World } from "./world.ts";

/** Who is calling: set by `oauthMiddleware` on every API request. */
export interface AuthInfo {
  portal: Portal;
  grant: AccessGrant;
  /** Writes made with an app's token are reported as `INTEGRATION` with the app's id. */
  source: WriteSource;
}

export type HsEnv = { Variables: { auth: AuthInfo; account: string } };

/** Paths served with an OAuth access token (the developer APIs of the extensions are not). */
const API_PREFIXES = [
  "/crm/v3/objects/",
  "/crm/objects/",
  "/crm/v3/properties/",
  "/crm/properties/",
  "/crm/v4/",
  "/crm/associations/",
  "/crm/v3/associations/",
  "/crm/v3/lists",
  "/crm/lists/",
  "/crm/v3/pipelines/",
  "/crm/v3/owners",
  "/account-info/",
  "/settings/v3/users",
  // Timeline events are portal data (the templates under /integrators/timeline/v3/{appId} are the app's).
  "/integrators/timeline/v3/events",
];

export function isApiPath(path: string): boolean {
  return API_PREFIXES.some((p) => path.startsWith(p));
}

const INVALID =
  "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview";

/** The 401 bodies of docs/vendors/hubspot.md §2: invalid or missing credentials, or an expired token. */
export function authenticate(world: World, header: string | undefined): AuthInfo | Response {
  const token = /^Bearer\s+(.+)$/i.exec(header ?? "")?.[1]?.trim();
  const grant = token ? world.oauth.access(token) : undefined;
  const portal = grant ? world.portal(grant.portalId) : undefined;
  if (!grant || !portal) return errorResponse(401, "INVALID_AUTHENTICATION", INVALID);
  const now = world.clock.now().getTime();
  if (grant.expiresAt <= now) {
    const seconds = Math.max(1, Math.floor((now - grant.expiresAt) / 1000));
    return errorResponse(
      401,
      "EXPIRED_AUTHENTICATION",
      `The OAuth token used to make this call expired ${seconds} second(s) ago.`,
      { context: { "expire time": [new Date(grant.expiresAt).toISOString()] } },
    );
  }
  return { portal, grant, source: { changeSource: "INTEGRATION", sourceAppId: grant.appId } };
}

export function oauthMiddleware(world: World): MiddlewareHandler<HsEnv> {
  return async (c, next) => {
    if (!isApiPath(c.req.path)) return next();
    const auth = authenticate(world, c.req.header("authorization"));
    if (auth instanceof Response) return auth;
    c.set("auth", auth);
    c.set("account", String(auth.portal.id));
    return next();
  };
}

/** 403 MISSING_SCOPES unless the token has one of `anyOf` (docs/vendors/hubspot.md §2). */
export function requireScope(c: Context<HsEnv>, anyOf: string[]): Response | undefined {
  const granted = c.get("auth").grant.scopes;
  if (anyOf.some((s) => granted.includes(s))) return undefined;
  return errorResponse(
    403,
    "MISSING_SCOPES",
    "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
    {
      errors: [
        {
          message: "One or more of the following scopes are required.",
          context: { requiredGranularScopes: [anyOf[0]!] },
        },
      ],
      links: { scopes: "https://developers.hubspot.com/scopes" },
    },
  );
}
