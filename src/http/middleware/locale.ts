import type { MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { Database } from "../../db/kysely.ts";
import { setUserLocale } from "../../features/connections/index.ts";
import { isLocale, negotiateLocale, translator } from "../../web/i18n/index.ts";
import type { AppEnv } from "../context.ts";

export const LANG_COOKIE = "ll_lang";

/**
 * `?lang=ja` switches and remembers the choice (for the signed-in user, or in a cookie);
 * otherwise the user's saved choice, then the cookie, then the browser's Accept-Language.
 */
export function localeMiddleware(db: Database): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const requested = c.req.query("lang");
    const user = c.get("user");
    if (isLocale(requested)) {
      setCookie(c, LANG_COOKIE, requested, { path: "/", sameSite: "Lax", maxAge: 60 * 60 * 24 * 365 });
      if (user && user.locale !== requested) await setUserLocale(db, user.userId, requested);
    }
    const saved = user?.locale ?? getCookie(c, LANG_COOKIE);
    const locale = negotiateLocale(requested ?? saved ?? undefined, c.req.header("accept-language"));
    c.set("locale", locale);
    c.set("t", translator(locale));
    await next();
  };
}
