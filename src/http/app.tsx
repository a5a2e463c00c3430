import { readFileSync } from "node:fs";
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { NotFoundPage } from "../web/not-found.tsx";
import { EMBED_JS_PATH, embedJs } from "../web/embed-assets.ts";
import type { VendorApps } from "../features/connections/index.ts";
import type { AppDeps, AppEnv } from "./context.ts";
import { bodyLimit, MAX_VENDOR_BODY_BYTES } from "./middleware/body-limit.ts";
import { changeRightsMiddleware } from "./middleware/change-rights.tsx";
import { csrfMiddleware } from "./middleware/csrf.ts";
import { PATHS } from "./paths.ts";
import { localeMiddleware } from "./middleware/locale.ts";
import { requestContext } from "./middleware/request-context.ts";
import { sessionMiddleware } from "./middleware/session.ts";
import { activityRoutes } from "../features/activity/index.ts";
import { authRoutes, hubspotChangeRights } from "../features/connections/index.ts";
import { connectedAccounts, connectionRoutes } from "../features/connections/index.ts";
import { healthRoutes } from "./health.ts";
import { metricsRoutes } from "./metrics.ts";
import { healthBanner } from "./middleware/health.ts";
import { webhookRoutes } from "../features/changes/index.ts";
import { pageProps, pageRoutes } from "../features/overview/index.ts";
import { cardRoutes } from "../features/invoices/index.ts";
import { workflowActionRoutes } from "../features/workflow-action/index.ts";
import { wizardRoutes } from "../features/invoices/index.ts";
import { addExistingRoutes } from "../features/invoices/index.ts";
import { invoiceRoutes } from "../features/invoices/index.ts";
import { mappingRoutes } from "../features/settings/index.ts";
import { initialSyncRoutes } from "../features/record-sync/index.ts";
import { syncRoutes } from "../features/settings/index.ts";
import { reportRoutes } from "../features/reports/index.ts";
import { automationRoutes } from "../features/automations/index.ts";
import { timeTravelRoutes } from "../features/time-travel/index.ts";

const css = readFileSync(new URL("../web/assets/app.css", import.meta.url), "utf8");

/**
 * Paths vendors call, authenticated by their signatures, and the iframe pages, whose signed token
 * travels in every form (ADR 11): neither relies on the browser's CSRF cookie.
 */
const VENDOR_PATHS = /^\/(webhooks|hubspot|api\/v1|embed)\//;

/**
 * Every route a vendor calls (webhooks, card, workflow action, OAuth callbacks, Intuit's launch and
 * disconnect links): its body is capped before a session, a database query or a handler sees it.
 */
const VENDOR_ROUTES: ReadonlySet<string> = new Set(Object.values(PATHS));
const isVendorRoute = (path: string) => VENDOR_ROUTES.has(path) || path.startsWith("/webhooks/");

/** Builds the web app from its dependencies; nothing here reads the environment or the clock directly. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requestContext(deps.logger));
  app.use(bodyLimit(MAX_VENDOR_BODY_BYTES, isVendorRoute));
  const headers = (frameAncestors: string[]) =>
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        frameAncestors,
        formAction: ["'self'"],
      },
      xFrameOptions: frameAncestors.length === 1 ? "SAMEORIGIN" : false,
    });
  const ownPages = headers(["'self'"]);
  // The iframe pages of the card's actions are framed by HubSpot's record page, and only by it.
  const embedPages = headers(["'self'", ...hubspotOrigins(deps.vendors)]);
  app.use((c, next) => (c.req.path.startsWith("/embed/") ? embedPages(c, next) : ownPages(c, next)));
  app.use(sessionMiddleware(deps.database.db, deps.clock));
  app.use(localeMiddleware(deps.database.db));
  app.use(healthBanner(deps.database.db));
  app.use(
    csrfMiddleware({
      exempt: (path) => VENDOR_PATHS.test(path),
      secure: deps.config.publicUrl.startsWith("https:"),
    }),
  );

  const timeTravel = deps.timeTravel;
  app.use(async (c, next) => {
    c.set("demo", timeTravel ? { now: timeTravel.now() } : undefined);
    await next();
  });
  // After CSRF: a forged POST is refused for that first; a non-super-admin's change is refused here.
  app.use(
    changeRightsMiddleware(
      deps.changeRights ??
        hubspotChangeRights({ db: deps.database.db, clock: deps.clock, clients: deps.clients }),
    ),
  );

  app.get("/assets/app.css", (c) => c.body(css, 200, { "content-type": "text/css; charset=utf-8" }));
  app.get(EMBED_JS_PATH, (c) => c.body(embedJs, 200, { "content-type": "text/javascript; charset=utf-8" }));
  app.route("/", healthRoutes(deps.database));
  app.route(
    "/",
    metricsRoutes({
      token: deps.metricsToken,
      shared: { db: deps.database.db, queue: deps.queue, clock: deps.clock },
    }),
  );
  const secureCookies = deps.config.publicUrl.startsWith("https:");
  const allowedPortals = deps.config.hubspotAllowedPortals;
  app.route("/", authRoutes({ ...deps, secureCookies, allowedPortals }));
  app.route("/", connectionRoutes(deps));
  app.route("/", activityRoutes(deps));
  app.route("/", webhookRoutes({ ...deps, publicUrl: deps.config.publicUrl, allowedPortals }));
  app.route("/", cardRoutes(deps));
  app.route("/", workflowActionRoutes(deps));
  app.route("/", wizardRoutes(deps));
  app.route("/", addExistingRoutes(deps));
  app.route("/", invoiceRoutes(deps));
  app.route("/", initialSyncRoutes(deps));
  app.route("/", syncRoutes(deps));
  app.route("/", mappingRoutes(deps));
  app.route("/", reportRoutes(deps));
  app.route("/", automationRoutes(deps));
  // The demo's "Travel forward" (ADR 0025): mounted only with the demo's clock, so 404 elsewhere.
  if (timeTravel) app.route("/", timeTravelRoutes({ clock: timeTravel }));
  app.route(
    "/",
    pageRoutes({
      ...deps,
      dataDir: deps.config.dataDir,
      accounts: (portalId) => connectedAccounts(deps.database.db, portalId),
    }),
  );

  app.notFound((c) => c.html(<NotFoundPage {...pageProps(c)} />, 404));
  app.onError((error, c) => {
    const requestId = c.get("requestId") ?? "unknown";
    (c.get("log") ?? deps.logger).error({ err: error }, "unhandled error");
    const t = c.get("t");
    return c.text(t ? t("error.internal", { id: requestId }) : `Internal error (${requestId})`, 500);
  });
  return app;
}

/** HubSpot's app origins (EU data centre included) and the configured one (the emulator in the demo). */
function hubspotOrigins(vendors: VendorApps): string[] {
  const origins = new Set(["https://app.hubspot.com", "https://app-eu1.hubspot.com"]);
  const configured = vendors.hubspot?.authBaseUrl;
  if (configured) origins.add(new URL(configured).origin);
  return [...origins];
}
