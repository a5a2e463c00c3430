import type { z } from "zod";
import { metrics } from "../lib/metrics.ts";
import { err, ok, type Result } from "../lib/result.ts";
import {
  failureFrom,
  networkFailure,
  type BaseTokenResponse,
  type OAuthApp,
  type OAuthFailure,
  type TokenSet,
} from "./oauth-common.ts";

/** What is traded for tokens: the code of a consent, or the refresh token of an earlier grant. */
export type TokenGrant =
  { kind: "authorization_code"; code: string } | { kind: "refresh_token"; refreshToken: string };

/**
 * One vendor's OAuth facts, as data: the token exchange, the refresh and the revocation are the
 * same routine for every vendor (below); only these facts differ.
 */
export interface OAuthVendor<A extends OAuthApp, S extends z.ZodType<BaseTokenResponse>, G extends TokenSet> {
  /** The vendor label of `ledgerlink_token_refreshes_total`. */
  name: "hubspot" | "qbo";
  tokenUrl(app: A): string;
  /**
   * How the client proves who it is at the token endpoint: `form` puts client_id and
   * client_secret in the form body (HubSpot), `basic` sends them as HTTP Basic (Intuit).
   */
  clientAuth: "form" | "basic";
  /** Whether a refresh repeats the redirect URI (HubSpot's endpoint takes it on both grants). */
  redirectUriOnRefresh: boolean;
  /** The token answer: the RFC 6749 fields plus the vendor's own. */
  answer: S;
  /** Adds the vendor's own facts (Intuit's refresh-token lifetime, HubSpot's scopes) to the token set. */
  toGrant(answer: z.output<S>, tokens: TokenSet, now: Date): G;
  revoke: {
    method: "DELETE" | "POST";
    url(app: A, token: string): string;
    /** `url`: the token is part of the URL already (HubSpot); `json`: it is posted as `{ token }` (Intuit). */
    tokenIn: "url" | "json";
    /** The status that means "already revoked or unknown": nothing left to revoke, which is success. */
    goneStatus: number;
    /** What any other 4xx answer means. */
    clientError: "malformed" | "invalid_client";
  };
}

const TIMEOUT_MS = 20_000;

const basicAuth = (app: OAuthApp) => ({
  authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString("base64")}`,
});

/** Trades a code or a refresh token for a token set at the vendor's token endpoint. Never throws. */
export async function requestTokens<
  A extends OAuthApp,
  S extends z.ZodType<BaseTokenResponse>,
  G extends TokenSet,
>(vendor: OAuthVendor<A, S, G>, app: A, grant: TokenGrant): Promise<Result<G, OAuthFailure>> {
  const result = await exchangeGrant(vendor, app, grant);
  // Refreshes (not first consents) are what keep a connection alive: count each by its outcome.
  if (grant.kind === "refresh_token")
    metrics.tokenRefreshes.inc({ vendor: vendor.name, outcome: result.ok ? "ok" : result.error.kind });
  return result;
}

async function exchangeGrant<A extends OAuthApp, S extends z.ZodType<BaseTokenResponse>, G extends TokenSet>(
  vendor: OAuthVendor<A, S, G>,
  app: A,
  grant: TokenGrant,
): Promise<Result<G, OAuthFailure>> {
  const form: Record<string, string> = { grant_type: grant.kind };
  if (vendor.clientAuth === "form") {
    form.client_id = app.clientId;
    form.client_secret = app.clientSecret;
  }
  if (grant.kind === "authorization_code" || vendor.redirectUriOnRefresh) form.redirect_uri = app.redirectUri;
  if (grant.kind === "authorization_code") form.code = grant.code;
  else form.refresh_token = grant.refreshToken;

  const answer = await send(app.fetch, vendor.tokenUrl(app), {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
      ...(vendor.clientAuth === "basic" ? basicAuth(app) : {}),
    },
    body: new URLSearchParams(form).toString(),
  });
  if (!answer.ok) return answer;
  const { status, json, text } = answer.value;
  if (status < 200 || status >= 300) return err(failureFrom(status, json, text));
  const parsed = vendor.answer.safeParse(json);
  if (!parsed.success) return err({ kind: "malformed", status, message: parsed.error.message });
  const now = app.clock.now();
  const tokens: TokenSet = {
    accessToken: parsed.data.access_token,
    refreshToken: parsed.data.refresh_token,
    accessExpiresAt: new Date(now.getTime() + parsed.data.expires_in * 1000),
  };
  return ok(vendor.toGrant(parsed.data, tokens, now));
}

/** Revokes a refresh token, which disconnects the app from that account. Never throws. */
export async function revokeToken<
  A extends OAuthApp,
  S extends z.ZodType<BaseTokenResponse>,
  G extends TokenSet,
>(vendor: OAuthVendor<A, S, G>, app: A, token: string): Promise<Result<void, OAuthFailure>> {
  const { revoke } = vendor;
  const answer = await send(app.fetch, revoke.url(app, token), {
    method: revoke.method,
    headers: {
      accept: "application/json",
      ...(revoke.tokenIn === "json" ? { "content-type": "application/json" } : {}),
      ...(vendor.clientAuth === "basic" ? basicAuth(app) : {}),
    },
    ...(revoke.tokenIn === "json" ? { body: JSON.stringify({ token }) } : {}),
  });
  if (!answer.ok) return answer;
  const { status, text } = answer.value;
  if ((status >= 200 && status < 300) || status === revoke.goneStatus) return ok(undefined);
  return err({ kind: status >= 500 ? "server" : revoke.clientError, status, message: text });
}

/** One request with a timeout; the body is read as text and, when it is JSON, parsed. */
async function send(
  fetchFn: typeof fetch,
  url: string,
  init: RequestInit,
): Promise<Result<{ status: number; json: unknown; text: string }, OAuthFailure>> {
  try {
    const res = await fetchFn(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return ok({ status: res.status, json, text });
  } catch (error) {
    return err(networkFailure(error));
  }
}
