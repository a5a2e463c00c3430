import { fetchHubSpotUser } from "../../connectors/hubspot/users.ts";
import type { Database } from "../../db/kysely.ts";
import type { Clock } from "../../lib/clock.ts";
import { findPortal, storedPortalIds } from "./repo/portals.ts";
import type { SessionUser } from "./repo/sessions.ts";
import type { VendorClients } from "./vendor-clients.ts";

/**
 * Which HubSpot portals this instance serves (ADR 0024): those named in HUBSPOT_ALLOWED_PORTALS
 * when it is set; otherwise the portals it already holds, and an empty instance belongs to the
 * first portal that signs in. Nothing is stored for any other portal.
 */
export async function portalAdmitted(
  db: Database,
  allowedPortals: readonly string[] | undefined,
  portalId: string,
): Promise<boolean> {
  return (await portalAdmission(db, allowedPortals))(portalId);
}

/** The same rule as a predicate, for a batch of portals (a webhook delivery) read with one query. */
export async function portalAdmission(
  db: Database,
  allowedPortals: readonly string[] | undefined,
): Promise<(portalId: string) => boolean> {
  if (allowedPortals) return (portalId) => allowedPortals.includes(portalId);
  const held = new Set(await storedPortalIds(db));
  return (portalId) => held.size === 0 || held.has(portalId);
}

/** What a vendor's call for a refused portal is answered (webhooks, workflow actions). */
export const portalRefusal = (portalId: string) =>
  `HubSpot portal ${portalId} is not served by this Ledgerlink instance (HUBSPOT_ALLOWED_PORTALS, or the portal that claimed it first); nothing was stored.`;

/** May this user change connections, sync settings, mappings and automations? And if not, why. */
export type ChangeRight =
  | { allowed: true }
  /** `no_scope`: the portal installed the app before it asked for `settings.users.read`. */
  | { allowed: false; reason: "not_admin" | "unreachable" | "no_scope" };

export interface ChangeRights {
  check(user: SessionUser): Promise<ChangeRight>;
}

/** Long enough to spare HubSpot a call per page, short enough that a demoted admin soon loses the right. */
export const CHANGE_RIGHT_TTL_MS = 60_000;

/**
 * Changes need a HubSpot super admin (ADR 0024), read from HubSpot's users API with the portal's
 * token and the signed-in user's id. Answers are kept for a minute per user; when HubSpot cannot
 * be reached (or does not know the user) the change is refused: access fails closed.
 */
export function hubspotChangeRights(deps: {
  db: Database;
  clock: Clock;
  clients: VendorClients | undefined;
}): ChangeRights {
  const cache = new Map<string, { right: ChangeRight; at: number }>();
  // One question to HubSpot per user at a time: a page and its auto-refresh, or two tabs, share it.
  const asking = new Map<string, Promise<ChangeRight>>();
  return {
    async check(user) {
      const key = `${user.portalId}:${user.hubspotUserId}`;
      const now = deps.clock.now().getTime();
      const hit = cache.get(key);
      if (hit && now - hit.at < CHANGE_RIGHT_TTL_MS) return hit.right;
      const pending = asking.get(key);
      if (pending) return pending;
      const question = ask(user, key, now).finally(() => asking.delete(key));
      asking.set(key, question);
      return question;
    },
  };

  async function ask(user: SessionUser, key: string, now: number): Promise<ChangeRight> {
    const portal = await findPortal(deps.db, user.portalId);
    if (!deps.clients || !portal) return { allowed: false, reason: "unreachable" };
    const http = deps.clients.hubspot({ portalId: portal.portalId, appId: portal.appId });
    const answer = await fetchHubSpotUser(http, user.hubspotUserId);
    if (!answer.ok) {
      if (answer.error.kind === "not_found")
        return remember(key, now, { allowed: false, reason: "not_admin" });
      // 403 MISSING_SCOPES: the installed app predates the scope; signing in again grants it.
      if (answer.error.kind === "forbidden") return { allowed: false, reason: "no_scope" };
      return { allowed: false, reason: "unreachable" };
    }
    return remember(
      key,
      now,
      answer.value.superAdmin ? { allowed: true } : { allowed: false, reason: "not_admin" },
    );
  }

  function remember(key: string, at: number, right: ChangeRight): ChangeRight {
    cache.set(key, { right, at });
    return right;
  }
}
