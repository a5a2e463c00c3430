import type { MiddlewareHandler } from "hono";
import type { SecretBox } from "../../lib/crypto.ts";
import type { Clock } from "../../lib/clock.ts";
import { verifyToken, type EmbedClaims } from "../../lib/signed-token.ts";
import { translator } from "../../web/i18n/index.ts";
import type { AppEnv } from "../context.ts";

/** The form field and query parameter that carry the embed token through every iframe page. */
export const EMBED_FIELD = "t";

/**
 * Pages HubSpot shows in its iframe (the wizard, "Add existing invoice") are opened from a card
 * action whose URL carries a signed, expiring token (lib/signed-token.ts), not our session cookie:
 * a third-party iframe often gets no cookies at all. Every link and form inside carries the token
 * on, so it is also what stops cross-site forgery there (an attacker cannot know it).
 * The token's locale wins over the browser's: the card was rendered in it.
 */
export function embedAuth(secrets: SecretBox, clock: Clock): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let token = c.req.query(EMBED_FIELD);
    if (!token && c.req.method === "POST") {
      const type = c.req.header("content-type") ?? "";
      if (type.includes("application/x-www-form-urlencoded") || type.includes("multipart/form-data")) {
        const value = (await c.req.raw.clone().formData()).get(EMBED_FIELD);
        token = typeof value === "string" ? value : undefined;
      }
    }
    const verified = verifyToken(secrets, token, "embed", clock.now());
    if (!verified.ok) {
      const t = c.get("t");
      const key = verified.error === "expired" ? "embed.expired" : "embed.invalid";
      return c.html(`<!doctype html><meta charset="utf-8"><p role="alert">${t(key)}</p>`, 401);
    }
    const claims = verified.value;
    if (!c.req.query("lang")) {
      c.set("locale", claims.locale);
      c.set("t", translator(claims.locale));
    }
    c.set("embed", { ...claims, token: token! });
    return next();
  };
}

export type EmbedContext = EmbedClaims & { token: string };
