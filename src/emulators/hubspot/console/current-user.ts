import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import type { HsViewer, HubSpotCore } from "../contract.ts";

/**
 * Who is looking at a portal in the emulator's pages. HubSpot knows from its login; the emulator has
 * no login, so a cookie per portal names the user picked in the user switcher, and without one the
 * installing user (a super admin) is looking.
 */
export const currentUserCookie = (portalId: number) => `hs_emulator_user_${portalId}`;

/** Where the switcher posts (emulator-only: HubSpot switches users by logging in). */
export const switchUserPath = (portalId: number | string) => `/console/${portalId}/current-user`;

export function currentViewer(core: HubSpotCore, portalId: number, c: Context): HsViewer | undefined {
  const users = core.users(portalId);
  const picked = getCookie(c, currentUserCookie(portalId));
  return users.find((u) => String(u.id) === picked) ?? users[0];
}
