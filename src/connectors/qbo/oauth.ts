import { z } from "zod";
import type { Result } from "../../lib/result.ts";
import { baseTokenResponse, type OAuthApp, type OAuthFailure, type TokenSet } from "../oauth-common.ts";
import { requestTokens, revokeToken, type OAuthVendor } from "../oauth.ts";

/**
 * Intuit OAuth 2.0 (https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/oauth-2.0).
 * Refresh tokens ROTATE: every answer may carry a new one, and only the newest is safe to keep.
 * We call the token endpoint ourselves, once per attempt: `intuit-oauth` retries refreshes on its
 * own, which can replay an already-rotated token (docs/vendors/quickbooks.md §1.4).
 */
export const QBO_SCOPES = ["com.intuit.quickbooks.accounting"] as const;

/** authBaseUrl: https://appcenter.intuit.com. */
export interface IntuitApp extends OAuthApp {
  /** Token host (https://oauth.platform.intuit.com). */
  oauthBaseUrl: string;
  /** Revoke host (https://developer.api.intuit.com). */
  revokeBaseUrl: string;
}

const tokenResponse = baseTokenResponse.extend({ x_refresh_token_expires_in: z.number().int().positive() });

export interface IntuitGrant extends TokenSet {
  refreshExpiresAt: Date;
}

export function intuitAuthorizeUrl(app: IntuitApp, state: string): string {
  const params = new URLSearchParams({
    client_id: app.clientId,
    response_type: "code",
    scope: QBO_SCOPES.join(" "),
    redirect_uri: app.redirectUri,
    state,
  });
  return `${app.authBaseUrl}/connect/oauth2?${params.toString()}`;
}

/**
 * Intuit's facts (docs/vendors/quickbooks.md §1.3, §1.5): its token endpoint takes the client's id and secret as HTTP Basic, and its answer carries
 * the refresh token's own lifetime (`x_refresh_token_expires_in`); revoking posts the token as
 * JSON, and an already revoked or unknown one is a 400.
 */
export const intuitOAuth: OAuthVendor<IntuitApp, typeof tokenResponse, IntuitGrant> = {
  name: "qbo",
  tokenUrl: (app) => `${app.oauthBaseUrl}/oauth2/v1/tokens/bearer`,
  clientAuth: "basic",
  redirectUriOnRefresh: false,
  answer: tokenResponse,
  toGrant: (answer, tokens, now) => ({
    ...tokens,
    refreshExpiresAt: new Date(now.getTime() + answer.x_refresh_token_expires_in * 1000),
  }),
  revoke: {
    method: "POST",
    url: (app) => `${app.revokeBaseUrl}/v2/oauth2/tokens/revoke`,
    tokenIn: "json",
    goneStatus: 400,
    clientError: "invalid_client",
  },
};

export const exchangeIntuitCode = (
  app: IntuitApp,
  code: string,
): Promise<Result<IntuitGrant, OAuthFailure>> =>
  requestTokens(intuitOAuth, app, { kind: "authorization_code", code });

export const refreshIntuitToken = (
  app: IntuitApp,
  refreshToken: string,
): Promise<Result<IntuitGrant, OAuthFailure>> =>
  requestTokens(intuitOAuth, app, { kind: "refresh_token", refreshToken });

/** Revoking the refresh token disconnects the app from the company. */
export const revokeIntuitToken = (app: IntuitApp, token: string): Promise<Result<void, OAuthFailure>> =>
  revokeToken(intuitOAuth, app, token);
