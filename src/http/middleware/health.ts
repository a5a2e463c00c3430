import type { MiddlewareHandler } from "hono";
import type { Database } from "../../db/kysely.ts";
import { healthNotices } from "../../features/health/index.ts";
import type { AppEnv } from "../context.ts";

/**
 * Reads the signed-in portal's open health incidents for the banner every page shows (ADR 0028):
 * one small indexed query, on page loads (GET, not assets or the card's iframe pages) only.
 */
export function healthBanner(db: Database): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get("user");
    const page = c.req.method === "GET" && !/^\/(assets|embed|api)\//.test(c.req.path);
    c.set("health", user && page ? await healthNotices(db, user.portalId) : undefined);
    await next();
  };
}
