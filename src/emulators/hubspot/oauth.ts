import { randomBytes } from "node:crypto";
import type { Clock } from "../../lib/clock.ts";
import { randomId } from "../../lib/ids.ts";
import type { HsApp } from "./contract.ts";
import { OBJECT_TYPES } from "./object-types.ts";
import type { PortalSettings } from "./portal.ts";

/**
 * HubSpot OAuth 2.0 state (docs/vendors/hubspot.md §2): apps, authorization codes, access tokens (30
 * minutes) and refresh tokens (stable, never expire, revoked by DELETE). Pure state; the routes in
 * `routes/oauth.ts` turn it into HubSpot's answers.
 */
export const ACCESS_TOKEN_SECONDS = 1800;
/** How long an authorization code can be exchanged (then EXPIRED_AUTH_CODE). */
const CODE_SECONDS = 600;

export const DEFAULT_APP: HsApp = {
  appId: 1,
  clientId: "ledgerlink-dev",
  clientSecret: "ledgerlink-dev-secret",
  // Origins without a port or path: any port and path on these hosts is accepted (development).
  redirectUris: ["http://localhost", "http://127.0.0.1"],
};

/**
 * Every scope the emulator knows, all names from HubSpot's published list
 * (https://developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/scopes):
 * those its routes check, and a few more that apps commonly request. Authorization refuses any
 * other name, as HubSpot does; `POST /__emulator/tokens` grants all of them when none are named.
 */
export const ALL_SCOPES: string[] = [
  ...new Set([
    "oauth",
    ...OBJECT_TYPES.flatMap((t) => [
      `${t.scope}.read`,
      `${t.scope}.write`,
      ...t.schemaScopes.read,
      ...t.schemaScopes.write,
      ...t.legacyScopes,
    ]),
    "crm.objects.owners.read",
    "crm.lists.read",
    "crm.lists.write",
    "e-commerce",
    "automation",
    "timeline",
    "tickets",
    "forms",
    "crm.objects.custom.read",
    "crm.objects.custom.write",
    "crm.schemas.custom.read",
    "tax_rates.read",
    "settings.users.read",
    "settings.users.write",
  ]),
];

export interface AccessGrant {
  token: string;
  refreshToken: string;
  portalId: number;
  appId: number;
  clientId: string;
  scopes: string[];
  userId: number;
  user: string;
  expiresAt: number;
}

export interface RefreshGrant {
  token: string;
  portalId: number;
  appId: number;
  clientId: string;
  scopes: string[];
  userId: number;
  user: string;
}

interface AuthCode {
  clientId: string;
  redirectUri: string;
  grant: Omit<RefreshGrant, "token">;
  expiresAt: number;
}

export interface OAuthJson {
  apps: HsApp[];
  nextAppId: number;
  accessTokens: AccessGrant[];
  refreshTokens: RefreshGrant[];
}

export function hubDomain(portalId: number): string {
  return `emulator-${portalId}.hubspot.com`;
}

/** The body of a successful `POST /oauth/v1/token` (docs/vendors/hubspot.md §2). */
export function tokenBody(access: AccessGrant) {
  return {
    token_type: "bearer",
    refresh_token: access.refreshToken,
    access_token: access.token,
    expires_in: ACCESS_TOKEN_SECONDS,
    token_use: "access_token",
    hub_id: access.portalId,
    user_id: access.userId,
    scopes: access.scopes,
  };
}

export class OAuthRegistry {
  readonly #apps = new Map<string, HsApp>();
  readonly #codes = new Map<string, AuthCode>();
  readonly #access = new Map<string, AccessGrant>();
  readonly #refresh = new Map<string, RefreshGrant>();
  #nextAppId = 2;

  constructor(private readonly clock: Clock) {
    this.#apps.set(DEFAULT_APP.clientId, DEFAULT_APP);
  }

  /** Registers an app, or updates the one with this client id (so a test can run twice). */
  registerApp(app: Omit<HsApp, "appId">): HsApp {
    const existing = this.#apps.get(app.clientId);
    const registered = { ...app, appId: existing?.appId ?? this.#nextAppId++ };
    this.#apps.set(app.clientId, registered);
    return registered;
  }

  appByClientId(clientId: string): HsApp | undefined {
    return this.#apps.get(clientId);
  }

  apps(): HsApp[] {
    return [...this.#apps.values()].sort((a, b) => a.appId - b.appId);
  }

  appById(appId: number): HsApp | undefined {
    return [...this.#apps.values()].find((a) => a.appId === appId);
  }

  /** Exact match, or any port and path on a registered bare origin such as `http://localhost`. */
  redirectAllowed(app: HsApp, uri: string): boolean {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      return false;
    }
    return app.redirectUris.some((allowed) => {
      if (allowed === uri) return true;
      const bare = /^https?:\/\/[^/:]+$/.test(allowed);
      return bare && `${url.protocol}//${url.hostname}` === allowed;
    });
  }

  issueCode(app: HsApp, redirectUri: string, portal: PortalSettings, scopes: string[]): string {
    const code = randomUUID36();
    this.#codes.set(code, {
      clientId: app.clientId,
      redirectUri,
      grant: this.#grantFor(app, portal, scopes),
      expiresAt: this.clock.now().getTime() + CODE_SECONDS * 1000,
    });
    return code;
  }

  /** Takes a code (codes work once); tells why it can't be used. */
  takeCode(code: string): { ok: true; code: AuthCode } | { ok: false; reason: "unknown" | "expired" } {
    const found = this.#codes.get(code);
    if (!found) return { ok: false, reason: "unknown" };
    this.#codes.delete(code);
    if (found.expiresAt <= this.clock.now().getTime()) return { ok: false, reason: "expired" };
    return { ok: true, code: found };
  }

  /** A new refresh token and its first access token (consent, or the control API). */
  install(app: HsApp, portal: PortalSettings, scopes: string[]): AccessGrant {
    return this.installGrant(this.#grantFor(app, portal, scopes));
  }

  installGrant(grant: Omit<RefreshGrant, "token">): AccessGrant {
    const refresh: RefreshGrant = { ...grant, token: refreshTokenString() };
    this.#refresh.set(refresh.token, refresh);
    return this.issueAccess(refresh);
  }

  issueAccess(refresh: RefreshGrant): AccessGrant {
    const { token: refreshToken, ...rest } = refresh;
    const access: AccessGrant = {
      ...rest,
      refreshToken,
      token: `C${randomId(60)}`,
      expiresAt: this.clock.now().getTime() + ACCESS_TOKEN_SECONDS * 1000,
    };
    this.#access.set(access.token, access);
    return access;
  }

  access(token: string): AccessGrant | undefined {
    const grant = this.#access.get(token);
    // Revoking the refresh token uninstalls: its access tokens stop working too.
    return grant && this.#refresh.has(grant.refreshToken) ? grant : undefined;
  }

  refreshGrant(token: string): RefreshGrant | undefined {
    return this.#refresh.get(token);
  }

  revoke(token: string): boolean {
    return this.#refresh.delete(token);
  }

  /**
   * Ends every access token of the portal now, before its `expires_in` (HubSpot may end a token
   * early, e.g. after a security event; clients must refresh on a 401: docs/vendors/hubspot.md §2).
   * Returns how many were live.
   */
  expireAccess(portalId: number): number {
    const now = this.clock.now().getTime();
    let ended = 0;
    for (const grant of this.#access.values()) {
      if (grant.portalId !== portalId || grant.expiresAt <= now) continue;
      grant.expiresAt = now;
      ended += 1;
    }
    return ended;
  }

  /** The app is uninstalled from the portal: every refresh token goes (refreshes are `invalid_grant`). */
  revokePortal(portalId: number): number {
    let revoked = 0;
    for (const [token, grant] of this.#refresh) {
      if (grant.portalId !== portalId) continue;
      this.#refresh.delete(token);
      revoked += 1;
    }
    return revoked;
  }

  /** Removes the portal's tokens (the portal is gone). */
  forgetPortal(portalId: number): void {
    for (const [token, grant] of this.#refresh) if (grant.portalId === portalId) this.#refresh.delete(token);
  }

  reset(): void {
    this.#codes.clear();
    this.#access.clear();
    this.#refresh.clear();
    this.#apps.clear();
    this.#apps.set(DEFAULT_APP.clientId, DEFAULT_APP);
    this.#nextAppId = 2;
  }

  toJSON(): OAuthJson {
    return {
      apps: [...this.#apps.values()],
      nextAppId: this.#nextAppId,
      accessTokens: [...this.#access.values()].filter((a) => a.expiresAt > this.clock.now().getTime()),
      refreshTokens: [...this.#refresh.values()],
    };
  }

  restore(json: OAuthJson): void {
    this.reset();
    for (const app of json.apps) this.#apps.set(app.clientId, app);
    this.#nextAppId = json.nextAppId;
    for (const a of json.accessTokens) this.#access.set(a.token, a);
    for (const r of json.refreshTokens) this.#refresh.set(r.token, r);
  }

  #grantFor(app: HsApp, portal: PortalSettings, scopes: string[]): Omit<RefreshGrant, "token"> {
    return {
      portalId: portal.portalId,
      appId: app.appId,
      clientId: app.clientId,
      scopes: [...new Set(scopes)],
      userId: portal.userId,
      user: portal.userEmail,
    };
  }
}

/** HubSpot refresh tokens look like `na1-6e5c-0000-0000-0000-000000000000`. */
function refreshTokenString(): string {
  const hex = randomBytes(14).toString("hex");
  return `na1-${hex.slice(0, 4)}-${hex.slice(4, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 28)}`;
}

function randomUUID36(): string {
  return randomBytes(18)
    .toString("hex")
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/, "$1-$2-$3-$4-$5");
}
