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
 * Intuit OAuth 2.0 (https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/oauth-2.0).
 * Refresh tokens ROTATE: every answer may carry a new one, and only the newest is safe to keep.
 * We call the token endpoint ourselves, once per attempt: `intuit-oauth` retries refreshes on its
 * own, which can replay an already-rotated token (quickbooks.md §1.4).
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

const basic = (app: IntuitApp) => ({
  authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString("base64")}`,
});

function toGrant(app: IntuitApp, body: z.infer<typeof tokenResponse>): IntuitGrant {
  const now = app.clock.now().getTime();
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    accessExpiresAt: new Date(now + body.expires_in * 1000),
    refreshExpiresAt: new Date(now + body.x_refresh_token_expires_in * 1000),
  };
}

export async function exchangeIntuitCode(
  app: IntuitApp,
  code: string,
): Promise<Result<IntuitGrant, OAuthFailure>> {
  const res = await postTokenForm(
    app.fetch,
    `${app.oauthBaseUrl}/oauth2/v1/tokens/bearer`,
    { grant_type: "authorization_code", code, redirect_uri: app.redirectUri },
    tokenResponse,
    basic(app),
  );
  return res.ok ? ok(toGrant(app, res.value)) : res;
}

export async function refreshIntuitToken(
  app: IntuitApp,
  refreshToken: string,
): Promise<Result<IntuitGrant, OAuthFailure>> {
  const res = await postTokenForm(
    app.fetch,
    `${app.oauthBaseUrl}/oauth2/v1/tokens/bearer`,
    { grant_type: "refresh_token", refresh_token: refreshToken },
    tokenResponse,
    basic(app),
  );
  return res.ok ? ok(toGrant(app, res.value)) : res;
}

/** Revoking the refresh token disconnects the app from the company. */
export async function revokeIntuitToken(app: IntuitApp, token: string): Promise<Result<void, OAuthFailure>> {
  try {
    const res = await app.fetch(`${app.revokeBaseUrl}/v2/oauth2/tokens/revoke`, {
      method: "POST",
      headers: { ...basic(app), "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ token }),
      signal: AbortSignal.timeout(20_000),
    });
    if (res.ok) return ok(undefined);
    // An already revoked or unknown token: nothing left to revoke.
    if (res.status === 400) return ok(undefined);
    return err({
      kind: res.status >= 500 ? "server" : "invalid_client",
      status: res.status,
      message: await res.text(),
    });
  } catch (error) {
    return err(networkFailure(error));
  }
}
