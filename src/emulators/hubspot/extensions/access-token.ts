import type { HubSpotCore } from "../contract.ts";

/** Who an OAuth access token belongs to. */
export interface TokenOwner {
  portalId: number;
  appId: number;
  scopes: string[];
}

/**
 * An optional member a core may offer beyond contract.ts: checks `Authorization: Bearer <token>`
 * as the CRM API does. The callback endpoints of workflow actions are OAuth APIs (the SDK's
 * CallbacksApi authenticates with `oauth2`, scope `automation`), so with it the emulator answers
 * exactly as HubSpot; without it a bearer token must merely be present.
 */
export interface AccessTokenCheck {
  authenticateAccessToken?(req: Request): TokenOwner | Response;
}

export function checkAccessToken(
  core: HubSpotCore & AccessTokenCheck,
  req: Request,
): TokenOwner | Response | undefined {
  if (core.authenticateAccessToken) return core.authenticateAccessToken(req);
  const bearer = /^Bearer\s+(\S+)/i.exec(req.headers.get("authorization") ?? "");
  if (bearer) return undefined;
  return core.errorResponse(
    401,
    "INVALID_AUTHENTICATION",
    "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
  );
}
