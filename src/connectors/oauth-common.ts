import { z } from "zod";
import type { Clock } from "../lib/clock.ts";
import { errorMessage } from "../lib/errors.ts";

/** What any OAuth token endpoint can answer that is not a token. */
export interface OAuthFailure {
  /** `invalid_grant`/`invalid_client` need the user to reconnect; the rest may be retried. */
  kind: "invalid_grant" | "invalid_client" | "server" | "network" | "malformed";
  status?: number;
  message: string;
}

export const needsReconnect = (f: OAuthFailure) => f.kind === "invalid_grant" || f.kind === "invalid_client";

export interface TokenSet {
  accessToken: string;
  refreshToken: string;
  /** When the access token stops working, by the caller's clock. */
  accessExpiresAt: Date;
}

/** What both vendors' OAuth apps have; each adds its own hosts. */
export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Where users consent. */
  authBaseUrl: string;
  fetch: typeof fetch;
  clock: Clock;
}

/** The RFC 6749 token answer both vendors send; each extends it with its own fields. */
export const baseTokenResponse = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  token_type: z.string(),
});
export type BaseTokenResponse = z.output<typeof baseTokenResponse>;

export const networkFailure = (error: unknown): OAuthFailure => ({
  kind: "network",
  message: errorMessage(error),
});

const errorBody = z.looseObject({
  error: z.string().optional(),
  error_description: z.string().optional(),
  status: z.string().optional(),
  message: z.string().optional(),
});

/** Classifies a token endpoint's non-2xx answer (RFC 6749 §5.2 codes, and HubSpot's own `status`). */
export function failureFrom(status: number, json: unknown, text: string): OAuthFailure {
  const body = errorBody.safeParse(json);
  const code = body.success ? body.data.error : undefined;
  const message = (body.success && (body.data.error_description ?? body.data.message)) || text.slice(0, 200);
  if (code === "invalid_grant") return { kind: "invalid_grant", status, message };
  if (code === "invalid_client" || status === 401) return { kind: "invalid_client", status, message };
  // HubSpot answers bad refresh tokens with status BAD_REFRESH_TOKEN (and, later, error=invalid_grant).
  if (body.success && /^(BAD_REFRESH_TOKEN|BAD_AUTH_CODE|EXPIRED_AUTH_CODE)$/.test(body.data.status ?? "")) {
    return { kind: "invalid_grant", status, message };
  }
  if (body.success && body.data.status === "BAD_CLIENT_ID")
    return { kind: "invalid_client", status, message };
  return { kind: status >= 500 || status === 429 ? "server" : "malformed", status, message };
}
