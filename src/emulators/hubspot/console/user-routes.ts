import { consolePaths } from "./paths.ts";
import { Hono } from "hono";
import { setCookie } from "hono/cookie";
import type { HubSpotCore } from "../contract.ts";
import { currentUserCookie, switchUserPath } from "./current-user.ts";

/** Only paths on the emulator: the switcher must not become an open redirector. */
const safeBack = (back: unknown, portalId: number) =>
  typeof back === "string" && back.startsWith("/") && !back.startsWith("//") && !back.startsWith("/\\")
    ? back
    : consolePaths.list(portalId, "0-3");

/**
 * `POST /console/{portalId}/current-user` (the user switcher's form): remembers which user of the
 * portal the emulator's pages act for, in a cookie for that portal, and goes back to the page.
 * An unknown portal or user is a 400 that changes nothing.
 */
export function userSwitchRoutes(core: HubSpotCore): Hono {
  const app = new Hono({ strict: false });
  app.post(switchUserPath(":portalId"), async (c) => {
    const portalId = Number(c.req.param("portalId"));
    const form = await c.req.parseBody();
    const userId = typeof form.userId === "string" ? form.userId : "";
    const user = core.users(portalId).find((u) => String(u.id) === userId);
    if (!user)
      return c.text(`Portal ${c.req.param("portalId")} has no user ${userId || "(none given)"}.`, 400);
    setCookie(c, currentUserCookie(portalId), String(user.id), {
      path: "/",
      sameSite: "Lax",
      httpOnly: true,
    });
    return c.redirect(safeBack(form.back, portalId), 303);
  });
  return app;
}
