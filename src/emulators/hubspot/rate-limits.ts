import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { SlidingWindowLimiter } from "../kit/index.ts";
import type { HsEnv } from "./auth.ts";

/**
 * HubSpot's limits for a public (OAuth) app (docs/vendors/hubspot.md §8): 110 requests per rolling 10 s per
 * portal and app, with `X-HubSpot-RateLimit-*` headers on every answer; search endpoints have
 * their own 5 per second per portal and send no such headers. OAuth apps have no daily limit,
 * so no `-Daily` headers.
 */
export const TEN_SECONDLY = { max: 110, windowMs: 10_000 };
/** The `-Secondly` pair HubSpot documents alongside (a tenth of the 10-second budget); reported, not enforced. */
export const SECONDLY_HEADER = { max: 11, windowMs: 1000 };
export const SEARCH_PER_SECOND = { max: 5, windowMs: 1000 };

/**
 * The 429 body has no `category`: `errorType` and `policyName` say what happened (docs/vendors/hubspot.md
 * §8).
 */
export function rateLimitBody(message: string, policyName: string) {
  return {
    status: "error",
    message,
    errorType: "RATE_LIMIT",
    correlationId: randomUUID(),
    policyName,
    requestId: randomUUID(),
  };
}

export function isSearchRequest(method: string, path: string): boolean {
  // Lists search is an ordinary call under the 10-second limit, not a CRM search.
  return method === "POST" && /\/search$/.test(path) && !/^\/crm\/(v3\/lists|lists\/)/.test(path);
}

export function rateLimitMiddleware(limiter: SlidingWindowLimiter): MiddlewareHandler<HsEnv> {
  return async (c, next) => {
    const auth = c.get("auth");
    if (!auth) return next();
    if (isSearchRequest(c.req.method, c.req.path)) {
      const search = limiter.hit(
        `search:${auth.portal.id}`,
        SEARCH_PER_SECOND.max,
        SEARCH_PER_SECOND.windowMs,
      );
      if (!search.allowed)
        return Response.json(rateLimitBody("You have reached your secondly limit.", "SECONDLY"), {
          status: 429,
        });
      return next();
    }
    const key = `${auth.portal.id}:${auth.grant.appId}`;
    const decision = limiter.hit(key, TEN_SECONDLY.max, TEN_SECONDLY.windowMs);
    const secondly = limiter.hit(`${key}:secondly`, SECONDLY_HEADER.max, SECONDLY_HEADER.windowMs);
    const headers = {
      "X-HubSpot-RateLimit-Interval-Milliseconds": String(TEN_SECONDLY.windowMs),
      "X-HubSpot-RateLimit-Max": String(TEN_SECONDLY.max),
      "X-HubSpot-RateLimit-Remaining": String(decision.remaining),
      "X-HubSpot-RateLimit-Secondly": String(SECONDLY_HEADER.max),
      "X-HubSpot-RateLimit-Secondly-Remaining": String(secondly.remaining),
    };
    if (!decision.allowed)
      return Response.json(
        rateLimitBody("You have reached your ten_secondly_rolling limit.", "TEN_SECONDLY_ROLLING"),
        {
          status: 429,
          headers,
        },
      );
    await next();
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
  };
}
