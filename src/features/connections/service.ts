import { inTransaction } from "../../db/transaction.ts";
import { randomUUID } from "node:crypto";
import type { Database } from "../../db/kysely.ts";
import { fetchAccountDetails } from "../../connectors/hubspot/account.ts";
import {
  exchangeHubSpotCode,
  hubspotAuthorizeUrl,
  introspectHubSpotToken,
} from "../../connectors/hubspot/oauth.ts";
import { fetchCompanySettings } from "../../connectors/qbo/company.ts";
import { exchangeIntuitCode, intuitAuthorizeUrl, revokeIntuitToken } from "../../connectors/qbo/oauth.ts";
import type { Clock } from "../../lib/clock.ts";
import type { SecretBox } from "../../lib/crypto.ts";
import { err, ok, type Result } from "../../lib/result.ts";
import type { Enqueuer } from "../../queue/catalogue.ts";
import { portalAdmitted } from "./access.ts";
import { setupHubSpotPortal } from "./jobs.ts";
import type { Locale } from "./portal-setup.ts";
import { findPortal, upsertPortal } from "./repo/portals.ts";
import {
  deleteQboConnection,
  findQboConnection,
  listQboConnections,
  upsertQboConnection,
} from "./repo/qbo-connections.ts";
import {
  createOAuthState,
  createSession,
  deleteSession,
  takeOAuthState,
  upsertUser,
  type SessionUser,
} from "./repo/sessions.ts";
import { newCompanyQboClient } from "./vendor-clients.ts";
import { countParkedJobs } from "./repo/parked-jobs.ts";
import { reconnectOf, resumeParkedJobs, type ResumingQueue } from "./waiting.ts";
import type { VendorApps } from "./vendors.ts";

/** What the connection operations need; the routes build it from their own dependencies. */
export interface ConnectionServiceDeps {
  db: Database;
  clock: Clock;
  secrets: SecretBox;
  vendors: VendorApps;
  /**
   * Set-up of a new portal's properties runs as a job, enqueued with the portal row; jobs parked
   * while a connection needed reconnecting are sent again with the reconnect (ADR 0033).
   */
  queue?: Enqueuer & Partial<ResumingQueue>;
  /** HUBSPOT_ALLOWED_PORTALS; unset, the first portal to sign in claims the instance (access.ts). */
  allowedPortals?: readonly string[];
}

/** Why an OAuth redirect back to us did not connect anything; the route turns it into a page. */
export type CallbackFailure =
  | { kind: "not_configured" }
  /** Unknown, used or expired `state`: a forged or replayed redirect. */
  | { kind: "state" }
  /** A signed-in user of another portal (or nobody) tried to finish the flow. */
  | { kind: "other_portal" }
  | { kind: "denied"; reason: string }
  | { kind: "missing"; field: "code" | "realmId" }
  | { kind: "vendor"; reason: string }
  /** A portal this instance does not serve (ADR 0024): nothing was stored. */
  | { kind: "portal_refused"; portalId: string };

/** The query string a vendor redirects back with. */
export interface CallbackQuery {
  code?: string;
  state?: string;
  error?: string;
  realmId?: string;
}

/** Starts "Sign in with HubSpot": a single-use state, and the consent URL to send the browser to. */
export async function startHubSpotSignIn(
  deps: ConnectionServiceDeps,
  returnTo: string,
): Promise<Result<string, { kind: "not_configured" }>> {
  const hubspot = deps.vendors.hubspot;
  if (!hubspot) return err({ kind: "not_configured" });
  const state = await createOAuthState(
    deps.db,
    { purpose: "hubspot-signin", portalId: null, userId: null, returnTo },
    deps.clock.now(),
  );
  return ok(hubspotAuthorizeUrl(hubspot, state));
}

/**
 * Finishes sign-in (A1): trades the code for tokens, learns whose they are, stores the portal
 * (tokens sealed) and the user, queues the portal's set-up and opens a session, in one
 * transaction. Nothing is stored unless every vendor call succeeded.
 */
export async function finishHubSpotSignIn(
  deps: ConnectionServiceDeps,
  query: CallbackQuery,
  locale: Locale,
): Promise<Result<{ sessionToken: string; returnTo: string }, CallbackFailure>> {
  const hubspot = deps.vendors.hubspot;
  if (!hubspot) return err({ kind: "not_configured" });
  const saved = query.state
    ? await takeOAuthState(deps.db, query.state, "hubspot-signin", deps.clock.now())
    : undefined;
  if (!saved) return err({ kind: "state" });
  if (query.error) return err({ kind: "denied", reason: query.error });
  if (!query.code) return err({ kind: "missing", field: "code" });

  const grant = await exchangeHubSpotCode(hubspot, query.code);
  if (!grant.ok) return err({ kind: "vendor", reason: grant.error.message });
  const who = await introspectHubSpotToken(hubspot, grant.value.accessToken);
  if (!who.ok) return err({ kind: "vendor", reason: who.error.message });
  const account = await fetchAccountDetails(hubspot.fetch, hubspot.apiBaseUrl, grant.value.accessToken);
  if (!account.ok) return err({ kind: "vendor", reason: account.error });

  const { portalId } = who.value;
  // Before anything is stored: a portal the instance does not serve leaves no trace (ADR 0024).
  if (!(await portalAdmitted(deps.db, deps.allowedPortals, portalId)))
    return err({ kind: "portal_refused", portalId });
  const ctx = `hubspot:${portalId}`;
  const now = deps.clock.now();
  const sessionToken = await inTransaction(deps.db, async (trx) => {
    await upsertPortal(
      trx,
      {
        portalId,
        appId: who.value.appId,
        companyCurrency: account.value.companyCurrency,
        timeZone: account.value.timeZone,
        accessToken: deps.secrets.seal(grant.value.accessToken, ctx),
        refreshToken: deps.secrets.seal(grant.value.refreshToken, ctx),
        accessExpiresAt: grant.value.accessExpiresAt,
        scopes: who.value.scopes,
      },
      now,
    );
    const userId = await upsertUser(
      trx,
      { portalId, hubspotUserId: who.value.userId, email: who.value.email },
      now,
    );
    await deps.queue?.enqueue(trx, setupHubSpotPortal, { portalId, locale });
    await resumeParkedJobs(trx, deps.queue, reconnectOf({ kind: "portal", portalId }));
    return createSession(trx, userId, portalId, now);
  });
  return ok({ sessionToken, returnTo: saved.returnTo });
}

export async function signOut(db: Database, sessionToken: string): Promise<void> {
  await deleteSession(db, sessionToken);
}

/** Starts connecting a QuickBooks company (A2), bound to the signed-in user's portal. */
export async function startQboConnect(
  deps: ConnectionServiceDeps,
  user: Pick<SessionUser, "portalId" | "userId">,
): Promise<Result<string, { kind: "not_configured" }>> {
  const intuit = deps.vendors.intuit;
  if (!intuit) return err({ kind: "not_configured" });
  const state = await createOAuthState(
    deps.db,
    { purpose: "qbo-connect", portalId: user.portalId, userId: user.userId, returnTo: "/connections" },
    deps.clock.now(),
  );
  return ok(intuitAuthorizeUrl(intuit, state));
}

/**
 * Finishes connecting a company (A2): trades the code for tokens, reads the company's settings
 * with them, and stores the company (tokens sealed). Reconnecting a company keeps its id.
 */
export async function finishQboConnect(
  deps: ConnectionServiceDeps,
  query: CallbackQuery,
  signedInPortalId: string | undefined,
): Promise<Result<{ returnTo: string }, CallbackFailure>> {
  const intuit = deps.vendors.intuit;
  if (!intuit) return err({ kind: "not_configured" });
  const saved = query.state
    ? await takeOAuthState(deps.db, query.state, "qbo-connect", deps.clock.now())
    : undefined;
  if (!saved || !saved.portalId) return err({ kind: "state" });
  // The flow is bound to the portal that started it: a signed-in user of another portal cannot finish it.
  if (signedInPortalId !== saved.portalId) return err({ kind: "other_portal" });
  if (query.error) return err({ kind: "denied", reason: query.error });
  const { code, realmId } = query;
  if (!code || !realmId || !/^\d{1,30}$/.test(realmId))
    return err({ kind: "missing", field: code ? "realmId" : "code" });

  const grant = await exchangeIntuitCode(intuit, code);
  if (!grant.ok) return err({ kind: "vendor", reason: grant.error.message });
  // Not yet stored, so not yet under the shared budget: two reads with the fresh token.
  const http = newCompanyQboClient(intuit, realmId, grant.value.accessToken, deps.clock);
  const settings = await fetchCompanySettings(http, realmId);
  if (!settings.ok) return err({ kind: "vendor", reason: settings.error.message });

  const existing = (await listQboConnections(deps.db, saved.portalId)).find((x) => x.realmId === realmId);
  const connectionId = existing?.connectionId ?? randomUUID();
  const ctx = `qbo:${connectionId}`;
  const portalId = saved.portalId;
  await inTransaction(deps.db, async (trx) => {
    await upsertQboConnection(
      trx,
      {
        connectionId,
        portalId,
        realmId,
        ...settings.value,
        accessToken: deps.secrets.seal(grant.value.accessToken, ctx),
        refreshToken: deps.secrets.seal(grant.value.refreshToken, ctx),
        accessExpiresAt: grant.value.accessExpiresAt,
        refreshExpiresAt: grant.value.refreshExpiresAt,
      },
      deps.clock.now(),
    );
    // A reconnect: what waited for it (parked jobs) goes on, committed with the new tokens.
    await resumeParkedJobs(trx, deps.queue, reconnectOf({ kind: "qbo", connectionId }));
  });
  return ok({ returnTo: saved.returnTo });
}

/** Disconnects one of the portal's companies: revokes its tokens at Intuit, then forgets it. */
export async function disconnectQboCompany(
  deps: ConnectionServiceDeps,
  portalId: string,
  connectionId: string,
): Promise<Result<{ companyName: string }, { kind: "not_found" }>> {
  const connection = await findQboConnection(deps.db, portalId, connectionId);
  if (!connection) return err({ kind: "not_found" });
  if (deps.vendors.intuit) {
    // Revoke first; a vendor that cannot be reached must not leave usable tokens behind here.
    const refresh = deps.secrets.open(connection.refreshToken, `qbo:${connection.connectionId}`);
    await revokeIntuitToken(deps.vendors.intuit, refresh);
  }
  await deleteQboConnection(deps.db, portalId, connection.connectionId);
  return ok({ companyName: connection.companyName });
}

/** The portal and its companies, for the connections page; undefined when the portal is gone. */
export async function portalConnections(db: Database, portalId: string) {
  const portal = await findPortal(db, portalId);
  if (!portal) return undefined;
  const companies = await listQboConnections(db, portalId);
  const owners = [`hubspot:${portalId}`, ...companies.map((c) => `qbo:${c.connectionId}`)];
  return { portal, companies, waiting: await countParkedJobs(db, owners) };
}

/** What `ownConnection` reads of a request: the signed-in user and the `:conn` path parameter. */
export interface ConnectionRequest {
  get(key: "user"): SessionUser | undefined;
  req: { param(name: "conn"): string | undefined };
}

/** The `:conn` of the path when it is a QBO company of the signed-in user's portal, else undefined (404). */
export async function ownConnection(c: ConnectionRequest, db: Database): Promise<string | undefined> {
  const user = c.get("user");
  if (!user) return undefined;
  const conn = await findQboConnection(db, user.portalId, c.req.param("conn") ?? "");
  return conn?.connectionId;
}
