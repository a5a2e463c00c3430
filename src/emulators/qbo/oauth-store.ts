import { randomBytes } from "node:crypto";

export interface QboApp {
  clientId: string;
  clientSecret: string;
  /** Registered redirect URIs; empty means any http://localhost or 127.0.0.1 URI (the dev app). */
  redirectUris: string[];
  webhookUrl?: string;
  verifierToken?: string;
  webhookFormat: "legacy" | "cloudevents";
}

interface AuthCode {
  clientId: string;
  redirectUri: string;
  realmId: string;
  scopes: string[];
  expiresAt: number;
}

interface AccessToken {
  clientId: string;
  realmId: string;
  scopes: string[];
  expiresAt: number;
  revoked: boolean;
}

interface RefreshToken {
  clientId: string;
  realmId: string;
  scopes: string[];
  expiresAt: number;
  hardExpiresAt: number;
  revoked: boolean;
  /** The token that replaced this one, once a refresh rotated it. */
  successor?: string;
  /** True once this token has itself been used to refresh. */
  used: boolean;
}

export const ACCESS_TOKEN_SECONDS = 3600;
/** Rolling refresh-token life: 100 days, extended on every use (docs/vendors/quickbooks.md §1.4). */
export const REFRESH_TOKEN_SECONDS = 100 * 24 * 3600;
/** The five-year cap on any refresh-token chain. */
export const HARD_EXPIRY_SECONDS = 157_680_000;

/**
 * How a rotated refresh token behaves: `lenient` (the default) keeps the old token usable until
 * its successor has been used, so a client that lost a reply can retry; `strict` refuses it at once.
 * Intuit documents neither (docs/vendors/quickbooks.md §1.4, §13), so tests can pick.
 */
export type RotationMode = "lenient" | "strict";

export interface TokenPair {
  token_type: "bearer";
  access_token: string;
  expires_in: number;
  refresh_token: string;
  x_refresh_token_expires_in: number;
  x_refresh_token_hard_expires_in?: number;
  id_token?: string;
}

export type Grant = { ok: true; pair: TokenPair; realmId: string } | { ok: false; error: "invalid_grant" };

export const DEFAULT_APP: QboApp = {
  clientId: "ledgerlink-dev",
  clientSecret: "ledgerlink-dev-secret",
  redirectUris: [],
  webhookFormat: "legacy",
};

const opaque = (bytes: number) => randomBytes(bytes).toString("base64url");

export interface OAuthJson {
  codes: Record<string, AuthCode>;
  access: Record<string, AccessToken>;
  refresh: Record<string, RefreshToken>;
}

/** Authorization codes, access tokens and rotating refresh tokens, all on the emulator clock. */
export class OAuthStore {
  codes = new Map<string, AuthCode>();
  access = new Map<string, AccessToken>();
  refresh = new Map<string, RefreshToken>();
  rotation: RotationMode = "lenient";
  /** Refresh replies to lose after rotating (the "rotate, then drop the connection" fault). */
  loseRefreshReplies = 0;

  issueCode(code: Omit<AuthCode, "expiresAt">, nowMs: number): string {
    const value = `AB11${opaque(30)}`;
    this.codes.set(value, { ...code, expiresAt: nowMs + 10 * 60_000 });
    return value;
  }

  /** A code works once, for the client and redirect URI it was issued to, within 10 minutes. */
  redeemCode(
    code: string,
    clientId: string,
    redirectUri: string | undefined,
    nowMs: number,
    hardInfo: boolean,
  ): Grant {
    const found = this.codes.get(code);
    this.codes.delete(code);
    if (!found || found.clientId !== clientId || found.expiresAt < nowMs)
      return { ok: false, error: "invalid_grant" };
    if (redirectUri !== undefined && redirectUri !== found.redirectUri)
      return { ok: false, error: "invalid_grant" };
    return this.grant(found, nowMs, nowMs + HARD_EXPIRY_SECONDS * 1000, hardInfo);
  }

  grant(
    who: { clientId: string; realmId: string; scopes: string[] },
    nowMs: number,
    hardExpiresAt: number,
    hardInfo: boolean,
  ): Grant & { ok: true } {
    const accessToken = `eyJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiYWxnIjoiZGlyIn0..${opaque(48)}`;
    const refreshToken = `RT1-${opaque(8)}-H0-${opaque(24)}`;
    const { clientId, realmId, scopes } = who;
    this.access.set(accessToken, {
      clientId,
      realmId,
      scopes,
      expiresAt: nowMs + ACCESS_TOKEN_SECONDS * 1000,
      revoked: false,
    });
    const expiresAt = Math.min(nowMs + REFRESH_TOKEN_SECONDS * 1000, hardExpiresAt);
    this.refresh.set(refreshToken, {
      clientId,
      realmId,
      scopes,
      expiresAt,
      hardExpiresAt,
      revoked: false,
      used: false,
    });
    const pair: TokenPair = {
      token_type: "bearer",
      access_token: accessToken,
      expires_in: ACCESS_TOKEN_SECONDS,
      refresh_token: refreshToken,
      x_refresh_token_expires_in: Math.floor((expiresAt - nowMs) / 1000),
    };
    if (hardInfo) pair.x_refresh_token_hard_expires_in = Math.floor((hardExpiresAt - nowMs) / 1000);
    if (scopes.includes("openid")) pair.id_token = idToken(clientId, realmId, nowMs);
    return { ok: true, pair, realmId };
  }

  /** Refresh: always rotates; a used, revoked, expired or unknown token is `invalid_grant`. */
  useRefreshToken(token: string, clientId: string, nowMs: number, hardInfo: boolean): Grant {
    const found = this.refresh.get(token);
    if (!found || found.revoked || found.clientId !== clientId) return { ok: false, error: "invalid_grant" };
    if (found.expiresAt < nowMs || found.hardExpiresAt < nowMs) return { ok: false, error: "invalid_grant" };
    if (found.successor) {
      const successor = this.refresh.get(found.successor);
      if (this.rotation === "strict" || !successor || successor.used || successor.revoked) {
        return { ok: false, error: "invalid_grant" };
      }
    }
    // Retrying with the old token replaces the unused successor, so the chain never forks.
    if (found.successor) this.refresh.get(found.successor)!.revoked = true;
    found.used = true;
    const granted = this.grant(found, nowMs, found.hardExpiresAt, hardInfo);
    found.successor = granted.pair.refresh_token;
    return granted;
  }

  /** Revoking either token disconnects the app from that company: every token of the pair goes. */
  revoke(token: string, clientId: string): boolean {
    const target = this.refresh.get(token) ?? this.access.get(token);
    if (!target || target.clientId !== clientId) return false;
    for (const t of [...this.refresh.values(), ...this.access.values()]) {
      if (t.clientId === clientId && t.realmId === target.realmId) t.revoked = true;
    }
    return true;
  }

  /**
   * Ends the company's live access tokens now, before their hour is up: Intuit may invalidate an
   * access token early, and its docs tell clients to refresh on a 401 (docs/vendors/quickbooks.md §1.4).
   */
  expireAccess(realmId: string, nowMs: number): number {
    let ended = 0;
    for (const t of this.access.values()) {
      if (t.realmId !== realmId || t.revoked || t.expiresAt < nowMs) continue;
      t.expiresAt = nowMs - 1;
      ended += 1;
    }
    return ended;
  }

  /** The user disconnected the app from the company (in QuickBooks): every token of every app goes. */
  revokeRealm(realmId: string): number {
    let revoked = 0;
    for (const t of [...this.refresh.values(), ...this.access.values()]) {
      if (t.realmId !== realmId || t.revoked) continue;
      t.revoked = true;
      revoked += 1;
    }
    return revoked;
  }

  checkAccess(token: string, nowMs: number): { realmId: string; clientId: string } | "expired" | "invalid" {
    const found = this.access.get(token);
    if (!found || found.revoked) return "invalid";
    if (found.expiresAt < nowMs) return "expired";
    return { realmId: found.realmId, clientId: found.clientId };
  }

  /** Apps with a live grant for a company (they receive its webhooks). */
  connectedClients(realmId: string, nowMs: number): Set<string> {
    const clients = new Set<string>();
    for (const t of this.refresh.values()) {
      if (t.realmId === realmId && !t.revoked && t.expiresAt >= nowMs) clients.add(t.clientId);
    }
    return clients;
  }

  forgetRealm(realmId: string): void {
    for (const map of [this.codes, this.access, this.refresh] as Array<Map<string, { realmId: string }>>) {
      for (const [key, value] of map) if (value.realmId === realmId) map.delete(key);
    }
  }

  toJSON(): OAuthJson {
    return {
      codes: Object.fromEntries(this.codes),
      access: Object.fromEntries(this.access),
      refresh: Object.fromEntries(this.refresh),
    };
  }

  restore(json: OAuthJson): void {
    this.codes = new Map(Object.entries(json.codes));
    this.access = new Map(Object.entries(json.access));
    this.refresh = new Map(Object.entries(json.refresh));
  }
}

/** An OpenID id_token shaped like Intuit's (unsigned here: the emulator publishes no JWKS). */
function idToken(clientId: string, realmId: string, nowMs: number): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const iat = Math.floor(nowMs / 1000);
  return `${enc({ alg: "none", typ: "JWT" })}.${enc({
    sub: `emulator-user-${realmId}`,
    aud: [clientId],
    realmid: realmId,
    auth_time: iat,
    iss: "https://oauth.platform.intuit.com/op/v1",
    exp: iat + 3600,
    iat,
  })}.`;
}
