import { Hono } from "hono";
import type { Clock } from "../../lib/clock.ts";
import { faultMiddleware, requestLogMiddleware, toEmulatorClock, type EmulatorClock } from "../kit/index.ts";
import { apiRoutes } from "./api-routes.ts";
import { consoleRoutes } from "./console/index.ts";
import { controlRoutes } from "./control-routes.ts";
import { faultResponse, injectedFaultBody } from "./faults.ts";
import { oauthRoutes } from "./oauth-routes.tsx";
import { QboWorld } from "./world.ts";

export interface QboEmulatorOptions {
  clock?: Clock | EmulatorClock;
  /** `--state FILE`: load from and save to this JSON file. */
  stateFile?: string;
  /** On by default, as at Intuit; `--no-rate-limits` turns them off. */
  rateLimits?: boolean;
  autoDeliverWebhooks?: boolean;
  /** How webhooks are delivered (tests can route them in-process). */
  fetch?: typeof fetch;
}

export interface QboEmulator {
  fetch(req: Request): Promise<Response>;
  app: Hono;
  world: QboWorld;
  close(): void;
}

/**
 * The QuickBooks Online emulator as a fetch handler: OAuth, the Accounting API, `/__emulator` and the
 * bookkeeper's console at `/`.
 */
export function createQboEmulator(opts: QboEmulatorOptions = {}): QboEmulator {
  const world = new QboWorld({
    clock: toEmulatorClock(opts.clock),
    stateFile: opts.stateFile,
    rateLimits: opts.rateLimits,
    autoDeliverWebhooks: opts.autoDeliverWebhooks,
    fetch: opts.fetch,
  });
  const app = new Hono();
  app.use("*", requestLogMiddleware(world.requests, world.clock));
  app.use(
    "*",
    faultMiddleware(world.faults, (status) => injectedFaultBody(status, world.now())),
  );
  app.route("/__emulator", controlRoutes(world));
  app.route("/", oauthRoutes(world));
  app.route("/", apiRoutes(world));
  // The bookkeeper's console: `/` and `/companies/...`, paths the API and OAuth never use.
  app.route("/", consoleRoutes(world));
  app.notFound((c) =>
    faultResponse(
      404,
      "ValidationFault",
      {
        code: "500",
        message: "Unsupported Operation",
        detail: `No resource at ${c.req.method} ${c.req.path}`,
      },
      world.now(),
    ),
  );
  return {
    fetch: async (req) => app.fetch(req),
    app,
    world,
    close: () => world.close(),
  };
}
