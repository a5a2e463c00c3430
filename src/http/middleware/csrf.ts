import type { MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { timingSafeEqual } from "node:crypto";
import { randomId } from "../../lib/ids.ts";
import type { AppEnv } from "../context.ts";

export const CSRF_COOKIE = "ll_csrf";
export const CSRF_FIELD = "_csrf";
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Double-submit token on every state-changing browser request: the form's hidden `_csrf` field
 * (or the `x-csrf-token` header for htmx) must equal the cookie. Routes that vendors call
 * (webhooks, card fetches, workflow actions) are exempt: they are authenticated by signatures.
 */
export function csrfMiddleware(opts: {
  exempt: (path: string) => boolean;
  secure: boolean;
}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let token = getCookie(c, CSRF_COOKIE);
    if (!token || token.length < 20) {
      token = randomId(24);
      setCookie(c, CSRF_COOKIE, token, { path: "/", httpOnly: true, sameSite: "Lax", secure: opts.secure });
    }
    c.set("csrfToken", token);
    if (!UNSAFE.has(c.req.method) || opts.exempt(c.req.path)) return next();
    const sent = c.req.header("x-csrf-token") ?? (await formField(c.req.raw.clone()));
    if (!sent || !sameToken(sent, token)) {
      return c.text(c.get("t")("error.csrf"), 403);
    }
    return next();
  };
}

async function formField(req: Request): Promise<string | undefined> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.includes("application/x-www-form-urlencoded") && !type.includes("multipart/form-data"))
    return undefined;
  const value = (await req.formData()).get(CSRF_FIELD);
  return typeof value === "string" ? value : undefined;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
