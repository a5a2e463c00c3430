import { Hono } from "hono";
import { PATHS } from "../../http/paths.ts";
import { MessagePage } from "../../web/message.tsx";
import { confirmed } from "../../web/confirm.tsx";
import { confirmIntuitDisconnect } from "./intuit-disconnect.ts";
import type { VendorClients } from "./vendor-clients.ts";
import type { Enqueuer } from "../../queue/catalogue.ts";
import type { ResumingQueue } from "./waiting.ts";
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
  /** To confirm with QuickBooks that a company was really disconnected there. */
  clients?: VendorClients;
  /** Jobs that waited for a reconnect are sent again with it (ADR 0033). */
  queue?: Enqueuer & Partial<ResumingQueue>;
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
        waiting={found.waiting}
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
    // Disconnecting deletes the company's tokens: only the confirm step's button may do it.
    if (!confirmed(await c.req.formData()))
      return c.html(
        <MessagePage
          {...pageProps(c)}
          title={c.get("t")("connections.title")}
          message={c.get("t")("connections.qbo.unconfirmed")}
          section="connections"
          link={{ href: "/connections", label: c.get("t")("connections.back") }}
        />,
        400,
      );
    const done = await disconnectQboCompany(service, user.portalId, c.req.param("id"));
    if (!done.ok) return c.text(c.get("t")("connections.notFound"), 404);
    return c.redirect(`/connections?disconnected=${encodeURIComponent(done.value.companyName)}`, 303);
  });

  // Intuit's Launch URL: "Launch" on QuickBooks' Apps page. Sign in with HubSpot first when needed
  // (the portal is who a company is connected for), then straight on to connecting QuickBooks.
  app.get(PATHS.intuitLaunch, async (c) => {
    const user = c.get("user");
    if (!user) return c.redirect(`/signin?next=${encodeURIComponent(PATHS.intuitLaunch)}`, 302);
    const consent = await startQboConnect(service, user);
    if (!consent.ok) return failurePage(c, c.get("t")("connections.qbo.notConfigured"));
    return c.redirect(consent.value, 302);
  });

  // Intuit's Disconnect URL: the page a user lands on after disconnecting the app in QuickBooks.
  app.get(PATHS.intuitDisconnect, async (c) => {
    const t = c.get("t");
    const marked = await confirmIntuitDisconnect(
      { db: service.db, clock: deps.clock, clients: deps.clients },
      c.req.query("realmId"),
    );
    const next = marked > 0 ? t("intuit.disconnected.marked") : t("intuit.disconnected.unknown");
    return c.html(
      <MessagePage
        {...pageProps(c)}
        title={t("intuit.disconnected.title")}
        message={`${t("intuit.disconnected.body")} ${next}`}
        link={{ href: "/connections", label: t("intuit.disconnected.reconnect") }}
      />,
    );
  });
  return app;
}
