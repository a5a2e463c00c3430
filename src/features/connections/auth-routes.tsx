import { Hono, type Context } from "hono";
import { deleteCookie, getCookie } from "hono/cookie";
import type { DatabaseHandle } from "../../db/kysely.ts";
import { upsertPortal } from "./repo/portals.ts";
import {
  createOAuthState,
  createSession,
  deleteSession,
  takeOAuthState,
  upsertUser,
} from "./repo/sessions.ts";
import { fetchAccountDetails } from "../../connectors/hubspot/account.ts";
import {
  exchangeHubSpotCode,
  hubspotAuthorizeUrl,
  introspectHubSpotToken,
} from "../../connectors/hubspot/oauth.ts";
import type { Clock } from "../../lib/clock.ts";
import type { JobQueue } from "../../queue/queue.ts";
import { setupHubSpotPortal } from "./jobs.ts";
import type { SecretBox } from "../../lib/crypto.ts";
import { MessagePage } from "../../web/message.tsx";
import { SignInPage } from "./pages/signin.tsx";
import type { AppEnv } from "../../http/context.ts";
import { SESSION_COOKIE, setSessionCookie } from "../../http/middleware/session.ts";
import type { VendorApps } from "./vendors.ts";
import { pageProps } from "../overview/index.ts";

export interface AuthDeps {
  database: DatabaseHandle;
  clock: Clock;
  secrets: SecretBox;
  vendors: VendorApps;
  secureCookies: boolean;
  /** Set-up of the portal's properties runs as a job, enqueued with the portal row. */
  queue?: JobQueue;
}

/** Only our own paths: `next=//evil.example` or absolute URLs must not turn sign-in into a redirector. */
export function safeNext(next: string | undefined): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\")
    ? next
    : "/connections";
}

export function failurePage(c: Context<AppEnv>, message: string, status: 400 | 401 | 502 = 400) {
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

/** "Sign in with HubSpot" is also "Connect HubSpot" (A1): the consenting user's portal is stored. */
export function authRoutes(deps: AuthDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;

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
    const hubspot = deps.vendors.hubspot;
    if (!hubspot) return failurePage(c, c.get("t")("signin.notConfigured"));
    const state = await createOAuthState(
      db,
      { purpose: "hubspot-signin", portalId: null, userId: null, returnTo: safeNext(c.req.query("next")) },
      deps.clock.now(),
    );
    return c.redirect(hubspotAuthorizeUrl(hubspot, state), 302);
  });

  app.get("/oauth/hubspot/callback", async (c) => {
    const t = c.get("t");
    const hubspot = deps.vendors.hubspot;
    if (!hubspot) return failurePage(c, t("signin.notConfigured"));
    const { code, state, error } = c.req.query();
    const saved = state ? await takeOAuthState(db, state, "hubspot-signin", deps.clock.now()) : undefined;
    if (!saved) return failurePage(c, t("oauth.failed.state"));
    if (error) return failurePage(c, t("oauth.failed.denied", { reason: error }));
    if (!code) return failurePage(c, t("oauth.failed.missing", { vendor: "HubSpot", field: "code" }));

    const grant = await exchangeHubSpotCode(hubspot, code);
    if (!grant.ok)
      return failurePage(
        c,
        t("oauth.failed.vendor", { vendor: "HubSpot", reason: grant.error.message }),
        502,
      );
    const who = await introspectHubSpotToken(hubspot, grant.value.accessToken);
    if (!who.ok)
      return failurePage(c, t("oauth.failed.vendor", { vendor: "HubSpot", reason: who.error.message }), 502);
    const account = await fetchAccountDetails(hubspot.fetch, hubspot.apiBaseUrl, grant.value.accessToken);
    if (!account.ok)
      return failurePage(c, t("oauth.failed.vendor", { vendor: "HubSpot", reason: account.error }), 502);

    const { portalId } = who.value;
    const ctx = `hubspot:${portalId}`;
    const now = deps.clock.now();
    const token = await db.transaction().execute(async (trx) => {
      await upsertPortal(
        trx,
        {
          portalId,
          appId: who.value.appId,
          companyCurrency: account.value.companyCurrency,
          timeZone: account.value.timeZone,
          accessToken: deps.secrets.seal(grant.value.accessToken, ctx),
          refreshToken: deps.secrets.seal(grant.value.refreshToken, ctx),
          accessExpiresAt: grant.value.accessExpiresAt,
          scopes: who.value.scopes,
        },
        now,
      );
      const userId = await upsertUser(
        trx,
        { portalId, hubspotUserId: who.value.userId, email: who.value.email },
        now,
      );
      await deps.queue?.enqueue(trx, setupHubSpotPortal, { portalId, locale: c.get("locale") });
      return createSession(trx, userId, portalId, now);
    });
    setSessionCookie(c, token, deps.secureCookies);
    return c.redirect(saved.returnTo, 302);
  });

  app.post("/signout", async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await deleteSession(db, token);
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.redirect("/", 303);
  });
  return app;
}
