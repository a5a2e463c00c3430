import { Hono, type Context } from "hono";
import { deleteCookie, getCookie } from "hono/cookie";
import type { DatabaseHandle } from "../../db/kysely.ts";
import type { Clock } from "../../lib/clock.ts";
import type { JobQueue } from "../../queue/queue.ts";
import type { SecretBox } from "../../lib/crypto.ts";
import { MessagePage } from "../../web/message.tsx";
import { SignInPage } from "./pages/signin.tsx";
import type { AppEnv } from "../../http/context.ts";
import { SESSION_COOKIE, setSessionCookie } from "../../http/middleware/session.ts";
import type { VendorApps } from "./vendors.ts";
import { pageProps } from "../overview/index.ts";
import {
  finishHubSpotSignIn,
  signOut,
  startHubSpotSignIn,
  type CallbackFailure,
  type ConnectionServiceDeps,
} from "./service.ts";

export interface AuthDeps {
  database: DatabaseHandle;
  clock: Clock;
  secrets: SecretBox;
  vendors: VendorApps;
  secureCookies: boolean;
  /** Set-up of the portal's properties runs as a job, enqueued with the portal row. */
  queue?: JobQueue;
  /** HUBSPOT_ALLOWED_PORTALS (ADR 0024). */
  allowedPortals?: readonly string[];
}

/** Only our own paths: `next=//evil.example` or absolute URLs must not turn sign-in into a redirector. */
export function safeNext(next: string | undefined): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\")
    ? next
    : "/connections";
}

export function failurePage(c: Context<AppEnv>, message: string, status: 400 | 401 | 403 | 502 = 400) {
  const t = c.get("t");
  return c.html(
    <MessagePage
      {...pageProps(c)}
      title={t("oauth.failed.title")}
      message={message}
      link={{ href: "/signin", label: t("oauth.again") }}
    />,
    status,
  );
}

/** The page for an OAuth redirect that connected nothing, in the words of the user's language. */
export function callbackFailurePage(
  c: Context<AppEnv>,
  vendor: "HubSpot" | "QuickBooks",
  failure: CallbackFailure,
) {
  const t = c.get("t");
  switch (failure.kind) {
    case "not_configured":
      return failurePage(
        c,
        t(vendor === "HubSpot" ? "signin.notConfigured" : "connections.qbo.notConfigured"),
      );
    case "state":
      return failurePage(c, t("oauth.failed.state"));
    case "other_portal":
      return failurePage(c, t("oauth.failed.otherPortal"), 401);
    case "denied":
      return failurePage(c, t("oauth.failed.denied", { reason: failure.reason }));
    case "missing":
      return failurePage(c, t("oauth.failed.missing", { vendor, field: failure.field }));
    case "vendor":
      return failurePage(c, t("oauth.failed.vendor", { vendor, reason: failure.reason }), 502);
    case "portal_refused":
      return portalRefusedPage(c, failure.portalId);
  }
}

/** The refusal a portal this instance does not serve gets, in the visitor's language (ADR 0024). */
export function portalRefusedPage(c: Context<AppEnv>, portalId: string) {
  const t = c.get("t");
  return c.html(
    <MessagePage
      {...pageProps(c)}
      title={t("access.portalRefused.title")}
      message={t("access.portalRefused.body", { portal: portalId })}
    />,
    403,
  );
}

/** "Sign in with HubSpot" is also "Connect HubSpot" (A1): the consenting user's portal is stored. */
export function authRoutes(deps: AuthDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const service: ConnectionServiceDeps = { ...deps, db: deps.database.db };

  app.get("/signin", (c) =>
    c.html(
      <SignInPage
        {...pageProps(c)}
        configured={Boolean(deps.vendors.hubspot)}
        next={safeNext(c.req.query("next"))}
      />,
    ),
  );

  app.get("/auth/hubspot", async (c) => {
    const consent = await startHubSpotSignIn(service, safeNext(c.req.query("next")));
    if (!consent.ok) return failurePage(c, c.get("t")("signin.notConfigured"));
    return c.redirect(consent.value, 302);
  });

  app.get("/oauth/hubspot/callback", async (c) => {
    const done = await finishHubSpotSignIn(service, c.req.query(), c.get("locale"));
    if (!done.ok) return callbackFailurePage(c, "HubSpot", done.error);
    setSessionCookie(c, done.value.sessionToken, deps.secureCookies);
    return c.redirect(done.value.returnTo, 302);
  });

  app.post("/signout", async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await signOut(service.db, token);
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.redirect("/", 303);
  });
  return app;
}
