import type { MiddlewareHandler } from "hono";
import type { Logger } from "../../lib/logger.ts";
import { randomId } from "../../lib/ids.ts";
import type { AppEnv } from "../context.ts";

const INCOMING_ID = /^[A-Za-z0-9._-]{6,64}$/;

/** A request id on every request (kept from `x-request-id` when sane), a child logger, one log line. */
export function requestContext(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && INCOMING_ID.test(incoming) ? incoming : randomId(9);
    const log = logger.child({ requestId });
    c.set("requestId", requestId);
    c.set("log", log);
    const started = performance.now();
    await next();
    c.header("x-request-id", requestId);
    log.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      "request",
    );
  };
}
