import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Database } from "../../db/kysely.ts";
import { findSession } from "../../features/connections/index.ts";
import type { Clock } from "../../lib/clock.ts";
import type { AppEnv } from "../context.ts";

export const SESSION_COOKIE = "ll_session";

/** Puts the signed-in user (if any) on the context; every portal-scoped query starts from it. */
export function sessionMiddleware(db: Database, clock: Clock): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const user = token ? await findSession(db, token, clock.now()) : undefined;
    if (token && !user) deleteCookie(c, SESSION_COOKIE, { path: "/" });
    c.set("user", user);
    await next();
  };
}

export function setSessionCookie(c: Context<AppEnv>, token: string, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure,
    maxAge: 30 * 86_400,
  });
}

/** Pages that need a portal send signed-out visitors to the sign-in page and back afterwards. */
export function requireUser(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.get("user")) return next();
    if (c.req.method !== "GET") return c.text(c.get("t")("signin.first"), 401);
    return c.redirect(`/signin?next=${encodeURIComponent(c.req.path)}`, 302);
  };
}
