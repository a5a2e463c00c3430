import { Hono } from "hono";
import type { AppEnv } from "../../http/context.ts";
import type { MovableClock } from "../../lib/clock.ts";
import { DEMO_CLOCK_PATH } from "../../web/demo-banner.tsx";
import { MessagePage } from "../../web/message.tsx";
import { pageProps } from "../overview/index.ts";
import { backPath, parseTravelDays, travelMs } from "./travel.ts";

/**
 * The demo banner's "Travel forward" (docs/adr/0025-demo-time-travel.md). createApp mounts this only
 * with the demo's clock, so `serve` answers 404. Moving the clock moves both emulators too (they
 * share it), and the runtime enqueues the scheduled jobs on the jump; the worker runs them at once.
 */
export function timeTravelRoutes(deps: { clock: MovableClock }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post(DEMO_CLOCK_PATH, async (c) => {
    const form = await c.req.parseBody();
    const days = parseTravelDays(form.days);
    if (days === undefined) {
      const t = c.get("t");
      // The page's own links (language, the banner's "back") lead to the page the form came from:
      // there is nothing to GET at this path.
      return c.html(
        <MessagePage
          {...pageProps(c)}
          path={backPath(form.back)}
          title={t("demo.travel.invalid.title")}
          message={t("demo.travel.invalid")}
          link={{ href: backPath(form.back), label: t("demo.travel.back") }}
        />,
        400,
      );
    }
    deps.clock.advance(travelMs(days));
    c.get("log").info({ days, now: deps.clock.now().toISOString() }, "demo clock moved forward");
    return c.redirect(backPath(form.back), 303);
  });
  return app;
}
