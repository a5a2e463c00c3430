import { z } from "zod";
import { err, ok, type Result } from "../../lib/result.ts";
import {
  baseTokenResponse,
  networkFailure,
  postTokenForm,
  type OAuthApp,
  type OAuthFailure,
  type TokenSet,
} from "../oauth-common.ts";

/**
 * HubSpot OAuth 2.0 (https://developers.hubspot.com/docs/api/oauth-quickstart-guide).
 * Refresh tokens do not rotate and do not expire; access tokens last `expires_in` (1800 s).
 */
export const HUBSPOT_SCOPES = [
  "oauth",
  "crm.objects.contacts.read",
  "crm.objects.contacts.write",
  "crm.objects.companies.read",
  "crm.objects.companies.write",
  "crm.objects.deals.read",
  "crm.objects.deals.write",
  "crm.objects.line_items.read",
  "crm.objects.line_items.write",
  "crm.objects.products.read",
  "crm.objects.products.write",
  "crm.objects.quotes.read",
  "crm.objects.invoices.read",
  "crm.objects.invoices.write",
  "crm.objects.owners.read",
  // The contact sync filters read list memberships (C5).
  "crm.lists.read",
  // Portal set-up writes properties and groups on each of these (sync/portal-properties.ts).
  "crm.schemas.deals.write",
  "crm.schemas.contacts.write",
  "crm.schemas.companies.write",
  "crm.schemas.products.write",
  "crm.schemas.invoices.write",
  "crm.schemas.line_items.write",
  "automation",
] as const;

/** authBaseUrl: https://app.hubspot.com; apiBaseUrl: https://api.hubapi.com. */
export interface HubSpotApp extends OAuthApp {
  apiBaseUrl: string;
}

const tokenResponse = baseTokenResponse.extend({
  hub_id: z.number().optional(),
  user_id: z.number().optional(),
  scopes: z.array(z.string()).optional(),
});

const accessTokenInfo = z.looseObject({
  hub_id: z.number(),
  user_id: z.number(),
  user: z.string().optional(),
  app_id: z.number(),
  scopes: z.array(z.string()),
  expires_in: z.number(),
});

export interface HubSpotGrant extends TokenSet {
  scopes: string[];
}

export interface HubSpotTokenInfo {
  portalId: string;
  userId: string;
  email: string;
  appId: string;
  scopes: string[];
}

export function hubspotAuthorizeUrl(app: HubSpotApp, state: string): string {
  const params = new URLSearchParams({
    client_id: app.clientId,
    redirect_uri: app.redirectUri,
    scope: HUBSPOT_SCOPES.join(" "),
    state,
  });
  return `${app.authBaseUrl}/oauth/authorize?${params.toString()}`;
}

function toGrant(app: HubSpotApp, body: z.infer<typeof tokenResponse>): HubSpotGrant {
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    accessExpiresAt: new Date(app.clock.now().getTime() + body.expires_in * 1000),
    scopes: body.scopes ?? [],
  };
}

export async function exchangeHubSpotCode(
  app: HubSpotApp,
  code: string,
): Promise<Result<HubSpotGrant, OAuthFailure>> {
  const res = await postTokenForm(
    app.fetch,
    `${app.apiBaseUrl}/oauth/v1/token`,
    {
      grant_type: "authorization_code",
      client_id: app.clientId,
      client_secret: app.clientSecret,
      redirect_uri: app.redirectUri,
      code,
    },
    tokenResponse,
  );
  return res.ok ? ok(toGrant(app, res.value)) : res;
}

export async function refreshHubSpotToken(
  app: HubSpotApp,
  refreshToken: string,
): Promise<Result<HubSpotGrant, OAuthFailure>> {
  const res = await postTokenForm(
    app.fetch,
    `${app.apiBaseUrl}/oauth/v1/token`,
    {
      grant_type: "refresh_token",
      client_id: app.clientId,
      client_secret: app.clientSecret,
      redirect_uri: app.redirectUri,
      refresh_token: refreshToken,
    },
    tokenResponse,
  );
  return res.ok ? ok(toGrant(app, res.value)) : res;
}

/** Who the token belongs to: the portal (hub id), the user who consented, the app. */
export async function introspectHubSpotToken(
  app: HubSpotApp,
  accessToken: string,
): Promise<Result<HubSpotTokenInfo, OAuthFailure>> {
  try {
    const res = await app.fetch(
      `${app.apiBaseUrl}/oauth/v1/access-tokens/${encodeURIComponent(accessToken)}`,
      {
        signal: AbortSignal.timeout(20_000),
      },
    );
    if (!res.ok)
      return err({
        kind: res.status >= 500 ? "server" : "invalid_grant",
        status: res.status,
        message: await res.text(),
      });
    const body = accessTokenInfo.safeParse(await res.json());
    if (!body.success) return err({ kind: "malformed", message: body.error.message });
    return ok({
      portalId: String(body.data.hub_id),
      userId: String(body.data.user_id),
      email: body.data.user ?? "",
      appId: String(body.data.app_id),
      scopes: body.data.scopes,
    });
  } catch (error) {
    return err(networkFailure(error));
  }
}

/** Revokes the refresh token: HubSpot treats this as uninstalling the app for that token. */
export async function revokeHubSpotToken(
  app: HubSpotApp,
  refreshToken: string,
): Promise<Result<void, OAuthFailure>> {
  try {
    const res = await app.fetch(
      `${app.apiBaseUrl}/oauth/v1/refresh-tokens/${encodeURIComponent(refreshToken)}`,
      {
        method: "DELETE",
        signal: AbortSignal.timeout(20_000),
      },
    );
    // 404: already gone, which is what we wanted.
    if (res.ok || res.status === 404) return ok(undefined);
    return err({
      kind: res.status >= 500 ? "server" : "malformed",
      status: res.status,
      message: await res.text(),
    });
  } catch (error) {
    return err(networkFailure(error));
  }
}
