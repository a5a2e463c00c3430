import { z } from "zod";
import { err, ok, type Result } from "../../lib/result.ts";
import {
  baseTokenResponse,
  networkFailure,
  type OAuthApp,
  type OAuthFailure,
  type TokenSet,
} from "../oauth-common.ts";
import { requestTokens, revokeToken, type OAuthVendor } from "../oauth.ts";

/**
 * HubSpot OAuth 2.0 (https://developers.hubspot.com/docs/api/oauth-quickstart-guide).
 * Refresh tokens do not rotate and do not expire; access tokens last `expires_in` (1800 s).
 * Every scope below is on HubSpot's published list:
 * https://developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/scopes
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
  // Portal set-up writes properties and groups on each of these (features/connections/portal-properties.ts).
  "crm.schemas.deals.write",
  "crm.schemas.contacts.write",
  "crm.schemas.companies.write",
  "crm.schemas.invoices.write",
  // HubSpot publishes no crm.schemas.products.* and no crm.schemas.line_items.write: property
  // changes on products and line items take `e-commerce` (docs/vendors/hubspot.md §2).
  "e-commerce",
  "automation",
  // Changes in Ledgerlink need a HubSpot super admin, read from the users API (ADR 0024).
  "settings.users.read",
  // Invoice events on the deal's and contact's timeline (ADR 0038).
  "timeline",
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

/**
 * HubSpot's facts (docs/vendors/hubspot.md §2): its token endpoint takes the client's id and secret in the form body, and the redirect URI
 * on refreshes too; revoking is a DELETE of the refresh token, and an unknown one is a 404.
 */
export const hubspotOAuth: OAuthVendor<HubSpotApp, typeof tokenResponse, HubSpotGrant> = {
  name: "hubspot",
  tokenUrl: (app) => `${app.apiBaseUrl}/oauth/v1/token`,
  clientAuth: "form",
  redirectUriOnRefresh: true,
  answer: tokenResponse,
  toGrant: (answer, tokens) => ({ ...tokens, scopes: answer.scopes ?? [] }),
  revoke: {
    method: "DELETE",
    url: (app, token) => `${app.apiBaseUrl}/oauth/v1/refresh-tokens/${encodeURIComponent(token)}`,
    tokenIn: "url",
    goneStatus: 404,
    clientError: "malformed",
  },
};

export const exchangeHubSpotCode = (
  app: HubSpotApp,
  code: string,
): Promise<Result<HubSpotGrant, OAuthFailure>> =>
  requestTokens(hubspotOAuth, app, { kind: "authorization_code", code });

export const refreshHubSpotToken = (
  app: HubSpotApp,
  refreshToken: string,
): Promise<Result<HubSpotGrant, OAuthFailure>> =>
  requestTokens(hubspotOAuth, app, { kind: "refresh_token", refreshToken });

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
export const revokeHubSpotToken = (
  app: HubSpotApp,
  refreshToken: string,
): Promise<Result<void, OAuthFailure>> => revokeToken(hubspotOAuth, app, refreshToken);
