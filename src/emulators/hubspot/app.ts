import { Hono } from "hono";
import type { Clock } from "../../lib/clock.ts";
import {
  FaultInjector,
  RequestLog,
  SlidingWindowLimiter,
  StateFile,
  WebhookDispatcher,
  faultMiddleware,
  requestLogMiddleware,
  sharedControlRoutes,
  toEmulatorClock,
  type DispatcherSnapshot,
  type EmulatorClock,
} from "../kit/index.ts";
import { oauthMiddleware, type HsEnv } from "./auth.ts";
import type { HubSpotCore, HubSpotExtension } from "./contract.ts";
import { WEBHOOK_RETRY_SCHEDULE_MS, createCore } from "./core.ts";
import { errorResponse, injectedFaultBody } from "./errors.ts";
import { consoleRoutes } from "./console/index.ts";
import { consoleUserSwitcher, consoleViewerLanguage } from "./console/user-switcher.tsx";
import { createHubSpotExtensions } from "./extensions/index.ts";
import { ALL_SCOPES, tokenBody } from "./oauth.ts";
import { rateLimitMiddleware } from "./rate-limits.ts";
import { accountRoutes } from "./routes/account.ts";
import { userRoutes } from "./routes/users.ts";
import {
  batchAssociationRoutes,
  objectAssociationRoutes,
  v3AssociationRoutes,
} from "./routes/associations.ts";
import { hubspotControlRoutes } from "./routes/control.ts";
import { oauthRoutes } from "./routes/oauth.ts";
import { listRoutes } from "./routes/lists.ts";
import { objectRoutes } from "./routes/objects.ts";
import { propertyRoutes } from "./routes/properties.ts";
import { seedDemo } from "./seed.ts";
import { World, type NewPortal, type WorldJson } from "./world.ts";

export interface HubSpotEmulatorOptions {
  clock?: Clock | EmulatorClock;
  /** HubSpot's limits are on unless this is false (`--no-rate-limits`). */
  rateLimits?: boolean;
  /** Keep state in this JSON file across restarts (`--state FILE`). */
  stateFile?: string;
  /** Deliver webhooks on their own (the CLI); tests leave this off and call `flush()`. */
  autoDeliverWebhooks?: boolean;
  /** The URL the emulator is reached at (links on rendered pages); else the last request's origin. */
  publicUrl?: string;
  log?: (line: string) => void;
  /** How webhooks are sent (tests pass an in-process receiver). */
  fetch?: typeof fetch;
  /** Builds the extensions (webhooks, app cards, workflow actions) on top of the core; `extensions/` by default. */
  extensions?: (core: HubSpotCore) => HubSpotExtension;
}

interface StateJson {
  world: WorldJson;
  extension?: unknown;
  /** Webhook deliveries, pending retries included. */
  webhooks?: DispatcherSnapshot;
}

export interface HubSpotEmulator {
  fetch(req: Request): Promise<Response>;
  app: Hono<HsEnv>;
  clock: EmulatorClock;
  core: HubSpotCore;
  world: World;
  faults: FaultInjector;
  limiter: SlidingWindowLimiter;
  requests: RequestLog;
  webhooks: WebhookDispatcher;
  /** Creates a portal (optionally seeded) and returns its id, as `POST /__emulator/portals`. */
  createPortal(opts?: NewPortal & { seed?: "demo" | "empty" }): number;
  /** A token for a portal without the consent page, as `POST /__emulator/tokens`. */
  issueToken(portalId: number, opts?: { clientId?: string; scopes?: string[] }): ReturnType<typeof tokenBody>;
  /** Where the emulator is served, until a request shows its origin (the server sets it after listening). */
  setPublicUrl(url: string): void;
  reset(): void;
  close(): Promise<void>;
}

/**
 * The HubSpot emulator as a fetch handler: CRM objects, search, properties, associations, OAuth,
 * HubSpot's limits and errors, the `/__emulator` control API, and the extensions mounted on the
 * core they share (contract.ts).
 */
export function createHubSpotEmulator(options: HubSpotEmulatorOptions = {}): HubSpotEmulator {
  const clock = toEmulatorClock(options.clock);
  const log = options.log ?? (() => undefined);
  const world = new World(clock);
  const faults = new FaultInjector();
  const limiter = new SlidingWindowLimiter(clock);
  limiter.enabled = options.rateLimits ?? true;
  const requests = new RequestLog();
  const webhooks = new WebhookDispatcher({
    clock,
    fetch: options.fetch,
    retryScheduleMs: WEBHOOK_RETRY_SCHEDULE_MS,
    autoDeliver: options.autoDeliverWebhooks ?? false,
    // HubSpot gives a webhook receiver 5 seconds (docs/vendors/hubspot.md §7).
    timeoutMs: 5000,
  });
  let origin = "http://127.0.0.1:3001";
  const publicUrl = () => options.publicUrl ?? origin;
  const core = createCore(world, webhooks, publicUrl);
  // Card fetches and workflow action calls go through the same fetch as webhooks (in-process stacks).
  const extension = (options.extensions ?? ((c) => createHubSpotExtensions(c, { fetch: options.fetch })))(
    core,
  );

  const stateFile = options.stateFile ? new StateFile<StateJson>(options.stateFile) : undefined;
  const snapshot = (): StateJson => ({
    world: world.toJSON(),
    extension: extension.snapshot(),
    webhooks: webhooks.snapshot(),
  });
  const saved = stateFile?.load();
  if (saved) {
    world.restore(saved.world);
    if (saved.extension !== undefined) extension.restore(saved.extension);
    if (saved.webhooks) webhooks.restore(saved.webhooks, (d) => extension.rebuildDelivery?.(d));
    log(`HubSpot emulator: restored ${world.portals.size} portal(s) from ${options.stateFile}`);
  }
  const save = () => stateFile?.scheduleSave(snapshot);
  world.onChange(save);

  const reset = () => {
    world.reset();
    resetParts();
  };
  const resetParts = () => {
    faults.clear();
    limiter.reset();
    requests.clear();
    webhooks.clear();
    extension.reset();
    clock.reset();
    save();
  };

  const app = new Hono<HsEnv>({ strict: false });
  app.use(async (c, next) => {
    origin = new URL(c.req.url).origin;
    await next();
    // Anything but a read may have changed state; the save is debounced.
    if (c.req.method !== "GET") save();
  });
  app.use(requestLogMiddleware(requests, clock));
  app.use(faultMiddleware(faults, injectedFaultBody));
  app.use(oauthMiddleware(world));
  app.use(rateLimitMiddleware(limiter));

  app.route("/__emulator", sharedControlRoutes({ clock, faults, limiter, requests, webhooks }));
  app.route("/__emulator", hubspotControlRoutes(world, resetParts));
  if (extension.control) app.route("/__emulator", extension.control);
  app.route("/", oauthRoutes(world));
  // Legacy versioned paths and the date-versioned ones (docs/vendors/hubspot.md §1) answer alike.
  const dated = ":version{\\d{4}-\\d{2}}";
  for (const base of ["/crm/v3/objects", `/crm/objects/${dated}`]) app.route(base, objectRoutes(world));
  for (const base of ["/crm/v4/objects", `/crm/objects/${dated}`])
    app.route(base, objectAssociationRoutes(world));
  for (const base of ["/crm/v4/associations", `/crm/associations/${dated}`])
    app.route(base, batchAssociationRoutes(world));
  app.route("/crm/v3/associations", v3AssociationRoutes(world));
  for (const base of ["/crm/v3/properties", `/crm/properties/${dated}`])
    app.route(base, propertyRoutes(world));
  for (const base of ["/crm/v3/lists", `/crm/lists/${dated}`]) app.route(base, listRoutes(world));
  app.route("/", accountRoutes(clock));
  app.route("/", userRoutes());
  app.route("/", extension.routes);
  // The console (`/`, index pages, workflows), with the user switcher and its user's language.
  app.route(
    "/",
    consoleRoutes(world, {
      workflows: () => extension.workflows,
      headerExtra: (c) => consoleUserSwitcher(core, c),
      viewerLanguage: (c) => consoleViewerLanguage(core, c),
    }),
  );

  app.notFound(() => errorResponse(404, "OBJECT_NOT_FOUND", "resource not found"));
  app.onError((error) => {
    log(`HubSpot emulator error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return errorResponse(500, "INTERNAL_ERROR", "internal error");
  });

  return {
    fetch: async (req) => app.fetch(req),
    app,
    clock,
    core,
    world,
    faults,
    limiter,
    requests,
    webhooks,
    createPortal(opts = {}) {
      const portal = world.createPortal(opts);
      if (opts.seed === "demo") seedDemo(world, portal);
      save();
      return portal.id;
    },
    issueToken(portalId, opts = {}) {
      const portal = world.portal(portalId);
      const oauthApp = world.oauth.appByClientId(opts.clientId ?? "ledgerlink-dev");
      if (!portal || !oauthApp) throw new Error(`No portal ${portalId} or app ${opts.clientId}`);
      const grant = tokenBody(world.oauth.install(oauthApp, portal.settings, opts.scopes ?? ALL_SCOPES));
      save();
      return grant;
    },
    setPublicUrl(url) {
      origin = url;
    },
    reset,
    async close() {
      webhooks.close();
      stateFile?.flush();
    },
  };
}
