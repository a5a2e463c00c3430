import { Hono } from "hono";
import { randomUUID } from "node:crypto";
import type { DatabaseHandle } from "../../db/kysely.ts";
import { findPortal } from "./repo/portals.ts";
import {
  deleteQboConnection,
  findQboConnection,
  listQboConnections,
  upsertQboConnection,
} from "./repo/qbo-connections.ts";
import { createOAuthState, takeOAuthState } from "./repo/sessions.ts";
import { createHttpClient, realSleep } from "../../connectors/http-client.ts";
import { fetchCompanySettings } from "../../connectors/qbo/company.ts";
import { classify } from "../../connectors/qbo/errors.ts";
import { ok } from "../../lib/result.ts";
import { exchangeIntuitCode, intuitAuthorizeUrl, revokeIntuitToken } from "../../connectors/qbo/oauth.ts";
import type { Clock } from "../../lib/clock.ts";
import type { SecretBox } from "../../lib/crypto.ts";
import { ConnectionsPage } from "./pages/connections.tsx";
import type { AppEnv } from "../../http/context.ts";
import { requireUser } from "../../http/middleware/session.ts";
import type { VendorApps } from "./vendors.ts";
import { failurePage } from "./auth-routes.tsx";
import { pageProps } from "../overview/index.ts";

export interface ConnectionDeps {
  database: DatabaseHandle;
  clock: Clock;
  secrets: SecretBox;
  vendors: VendorApps;
}

/** Connect (A2), list and disconnect QuickBooks companies of the signed-in user's portal. */
export function connectionRoutes(deps: ConnectionDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;
  app.use("/connections", requireUser());
  app.use("/connections/*", requireUser());

  app.get("/connections", async (c) => {
    const user = c.get("user")!;
    const portal = await findPortal(db, user.portalId);
    if (!portal) return c.notFound();
    const companies = await listQboConnections(db, user.portalId);
    const flash = c.req.query("disconnected");
    return c.html(
      <ConnectionsPage
        {...pageProps(c)}
        portal={portal}
        companies={companies}
        qboConfigured={Boolean(deps.vendors.intuit)}
        flash={flash ? c.get("t")("connections.disconnected", { name: flash }) : undefined}
      />,
    );
  });

  app.post("/connections/qbo", async (c) => {
    const intuit = deps.vendors.intuit;
    if (!intuit) return failurePage(c, c.get("t")("connections.qbo.notConfigured"));
    const user = c.get("user")!;
    const state = await createOAuthState(
      db,
      { purpose: "qbo-connect", portalId: user.portalId, userId: user.userId, returnTo: "/connections" },
      deps.clock.now(),
    );
    return c.redirect(intuitAuthorizeUrl(intuit, state), 303);
  });

  app.get("/oauth/qbo/callback", async (c) => {
    const t = c.get("t");
    const intuit = deps.vendors.intuit;
    if (!intuit) return failurePage(c, t("connections.qbo.notConfigured"));
    const { code, state, realmId, error } = c.req.query();
    const saved = state ? await takeOAuthState(db, state, "qbo-connect", deps.clock.now()) : undefined;
    if (!saved || !saved.portalId) return failurePage(c, t("oauth.failed.state"));
    // The flow is bound to the portal that started it: a signed-in user of another portal cannot finish it.
    const user = c.get("user");
    if (!user || user.portalId !== saved.portalId) return failurePage(c, t("oauth.failed.otherPortal"), 401);
    if (error) return failurePage(c, t("oauth.failed.denied", { reason: error }));
    if (!code || !realmId || !/^\d{1,30}$/.test(realmId)) {
      return failurePage(
        c,
        t("oauth.failed.missing", { vendor: "QuickBooks", field: code ? "realmId" : "code" }),
      );
    }
    const grant = await exchangeIntuitCode(intuit, code);
    if (!grant.ok)
      return failurePage(
        c,
        t("oauth.failed.vendor", { vendor: "QuickBooks", reason: grant.error.message }),
        502,
      );
    // Not yet stored, so not yet under the shared budget: two reads with the fresh token.
    const http = createHttpClient({
      fetch: intuit.fetch,
      baseUrl: `${intuit.apiBaseUrl}/v3/company/${realmId}`,
      classify,
      clock: deps.clock,
      sleep: realSleep,
      maxAttempts: 2,
      headers: async () =>
        ok({ authorization: `Bearer ${grant.value.accessToken}`, accept: "application/json" }),
    });
    const settings = await fetchCompanySettings(http, realmId);
    if (!settings.ok) {
      return failurePage(
        c,
        t("oauth.failed.vendor", { vendor: "QuickBooks", reason: settings.error.message }),
        502,
      );
    }

    const existing = (await listQboConnections(db, saved.portalId)).find((x) => x.realmId === realmId);
    const connectionId = existing?.connectionId ?? randomUUID();
    const ctx = `qbo:${connectionId}`;
    await upsertQboConnection(
      db,
      {
        connectionId,
        portalId: saved.portalId,
        realmId,
        ...settings.value,
        accessToken: deps.secrets.seal(grant.value.accessToken, ctx),
        refreshToken: deps.secrets.seal(grant.value.refreshToken, ctx),
        accessExpiresAt: grant.value.accessExpiresAt,
        refreshExpiresAt: grant.value.refreshExpiresAt,
      },
      deps.clock.now(),
    );
    return c.redirect(saved.returnTo, 302);
  });

  app.post("/connections/qbo/:id/disconnect", async (c) => {
    const user = c.get("user")!;
    const connection = await findQboConnection(db, user.portalId, c.req.param("id"));
    if (!connection) return c.text(c.get("t")("connections.notFound"), 404);
    if (deps.vendors.intuit) {
      // Revoke first; a vendor that cannot be reached must not leave usable tokens behind here.
      const refresh = deps.secrets.open(connection.refreshToken, `qbo:${connection.connectionId}`);
      await revokeIntuitToken(deps.vendors.intuit, refresh);
    }
    await deleteQboConnection(db, user.portalId, connection.connectionId);
    return c.redirect(`/connections?disconnected=${encodeURIComponent(connection.companyName)}`, 303);
  });
  return app;
}
