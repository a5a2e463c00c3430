import { Hono } from "hono";
import type { DatabaseHandle } from "../../db/kysely.ts";
import type { Clock } from "../../lib/clock.ts";
import type { SecretBox } from "../../lib/crypto.ts";
import { ConnectionsPage } from "./pages/connections.tsx";
import type { AppEnv } from "../../http/context.ts";
import { requireUser } from "../../http/middleware/session.ts";
import type { VendorApps } from "./vendors.ts";
import { callbackFailurePage, failurePage } from "./auth-routes.tsx";
import { pageProps } from "../overview/index.ts";
import {
  disconnectQboCompany,
  finishQboConnect,
  portalConnections,
  startQboConnect,
  type ConnectionServiceDeps,
} from "./service.ts";

export interface ConnectionDeps {
  database: DatabaseHandle;
  clock: Clock;
  secrets: SecretBox;
  vendors: VendorApps;
}

/** Connect (A2), list and disconnect QuickBooks companies of the signed-in user's portal. */
export function connectionRoutes(deps: ConnectionDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const service: ConnectionServiceDeps = { ...deps, db: deps.database.db };
  app.use("/connections", requireUser());
  app.use("/connections/*", requireUser());

  app.get("/connections", async (c) => {
    const found = await portalConnections(service.db, c.get("user")!.portalId);
    if (!found) return c.notFound();
    const flash = c.req.query("disconnected");
    return c.html(
      <ConnectionsPage
        {...pageProps(c)}
        portal={found.portal}
        companies={found.companies}
        qboConfigured={Boolean(deps.vendors.intuit)}
        flash={flash ? c.get("t")("connections.disconnected", { name: flash }) : undefined}
      />,
    );
  });

  app.post("/connections/qbo", async (c) => {
    const consent = await startQboConnect(service, c.get("user")!);
    if (!consent.ok) return failurePage(c, c.get("t")("connections.qbo.notConfigured"));
    return c.redirect(consent.value, 303);
  });

  app.get("/oauth/qbo/callback", async (c) => {
    const done = await finishQboConnect(service, c.req.query(), c.get("user")?.portalId);
    if (!done.ok) return callbackFailurePage(c, "QuickBooks", done.error);
    return c.redirect(done.value.returnTo, 302);
  });

  app.post("/connections/qbo/:id/disconnect", async (c) => {
    const user = c.get("user")!;
    const done = await disconnectQboCompany(service, user.portalId, c.req.param("id"));
    if (!done.ok) return c.text(c.get("t")("connections.notFound"), 404);
    return c.redirect(`/connections?disconnected=${encodeURIComponent(done.value.companyName)}`, 303);
  });
  return app;
}
