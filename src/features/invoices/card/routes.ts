import { Hono } from "hono";
import { z } from "zod";
import { negotiateLocale, translator } from "../../../web/i18n/index.ts";
import { portalAdmitted } from "../../connections/index.ts";
import type { AppDeps } from "../../../http/context.ts";
import type { AppEnv } from "../../../http/context.ts";
import { PATHS } from "../../../http/paths.ts";
import { appCardNotConnected, appCardView } from "./card-app-view.ts";
import { cardView, notConnectedView } from "./card-view.ts";
import { cardContent, checkCardFetch } from "./service.ts";

const digits = z.string().regex(/^\d{1,20}$/);
const cardQuery = z.object({
  portalId: digits,
  associatedObjectId: digits,
  associatedObjectType: z.enum(["DEAL", "CONTACT", "COMPANY"]),
  userId: digits,
  userEmail: z.string().max(320).default(""),
  // The app card (hubspot-app/) asks for its own JSON; HubSpot's classic fetch never sends these.
  format: z.enum(["classic", "app-card"]).default("classic"),
  /** The HubSpot user's locale as the app card knows it; the saved Ledgerlink choice still wins. */
  locale: z.string().max(35).optional(),
});

/**
 * `GET /hubspot/card`: the "Integration invoices" card (I8, E2, S1), in two contracts from one
 * implementation: the classic CRM card JSON (HubSpot's classic fetch, the emulator) and, with
 * `format=app-card`, the JSON the app card of `hubspot-app/` renders (its `hubspot.fetch` calls are
 * signed the same way, with HubSpot adding `portalId`, `userId`, `userEmail` and `appId` to the
 * query). Anything unsigned, forged or stale is refused before a database read.
 */
export function cardRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get(PATHS.hubspotCard, async (c) => {
    const now = deps.clock.now();
    const header = (name: string) => c.req.header(name);
    const checked = checkCardFetch(
      deps,
      { pathAndQuery: `${c.req.path}${new URL(c.req.url).search}`, header },
      now,
    );
    if (!checked.ok) {
      if (checked.reason)
        c.get("log").warn({ reason: checked.reason }, `refused card fetch: ${checked.message}`);
      return c.json({ error: checked.message }, checked.status);
    }
    const query = cardQuery.safeParse(c.req.query());
    if (!query.success) {
      const issue = query.error.issues[0];
      return c.json({ error: `${issue?.path.join(".") ?? "query"}: ${issue?.message ?? "invalid"}` }, 400);
    }
    if (!(await portalAdmitted(deps.database.db, deps.config.hubspotAllowedPortals, query.data.portalId))) {
      // A portal this instance does not serve (ADR 0024): a refusal in the viewer's language, nothing stored.
      const asked = [query.data.locale, c.req.header("accept-language")].filter(Boolean).join(",");
      const t = translator(negotiateLocale(undefined, asked));
      c.get("log").warn({ portalId: query.data.portalId }, "refused card fetch for a portal not served");
      return c.json({ error: t("access.portalRefused.body", { portal: query.data.portalId }) }, 403);
    }
    const content = await cardContent(deps, query.data, c.req.header("accept-language"), now);
    // The same rows, URLs and words in the asked contract.
    const { locale } = content;
    const t = translator(locale);
    if (query.data.format === "app-card")
      return c.json(
        content.connected
          ? appCardView(t, locale, content.invoices, content.actions, content.health, content.currency)
          : appCardNotConnected(t, locale),
      );
    return c.json(
      content.connected
        ? cardView(t, content.invoices, content.actions, content.health, content.currency)
        : notConnectedView(t),
    );
  });
  return app;
}
