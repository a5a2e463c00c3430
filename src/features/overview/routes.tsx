import { Hono, type Context } from "hono";
import type { PageProps } from "../../web/layout.tsx";
import { HomePage } from "./pages/home.tsx";
import type { AppEnv } from "../../http/context.ts";
import { installationFacts, type OverviewDeps } from "./service.ts";

/** What every page's layout needs from the request: translator, locale, user, CSRF token. */
export function pageProps(c: Context<AppEnv>): PageProps {
  return {
    t: c.get("t"),
    locale: c.get("locale"),
    requestId: c.get("requestId"),
    path: c.req.path,
    csrfToken: c.get("csrfToken"),
    user: c.get("user"),
    demo: c.get("demo"),
    health: c.get("health"),
    readOnly: c.get("readOnly"),
  };
}

/** The home page: facts about this installation. */
export function pageRoutes(deps: OverviewDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/", async (c) =>
    c.html(<HomePage {...pageProps(c)} facts={await installationFacts(deps, c.get("user")?.portalId)} />),
  );
  return app;
}
