import type { MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { isLocale, negotiateLocale, translator } from "../../web/i18n/index.ts";
import type { AppEnv } from "../context.ts";

export const LANG_COOKIE = "ll_lang";

/** `?lang=ja` switches and remembers the choice; otherwise the saved choice, then the browser's. */
export function localeMiddleware(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const requested = c.req.query("lang");
    if (isLocale(requested)) {
      setCookie(c, LANG_COOKIE, requested, { path: "/", sameSite: "Lax", maxAge: 60 * 60 * 24 * 365 });
    }
    const locale = negotiateLocale(requested ?? getCookie(c, LANG_COOKIE), c.req.header("accept-language"));
    c.set("locale", locale);
    c.set("t", translator(locale));
    await next();
  };
}
