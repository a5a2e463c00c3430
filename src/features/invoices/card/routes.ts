import { Hono, type Context } from "hono";
import { z } from "zod";
import { verifyHubSpotSignature } from "../../../connectors/hubspot/webhooks.ts";
import { invoicesForRecord } from "../repo/invoices.ts";
import { signToken, type EmbedClaims } from "../../../lib/signed-token.ts";
import { isLocale, negotiateLocale, translator, type Locale } from "../../../web/i18n/index.ts";
import type { AppDeps } from "../../../http/app.tsx";
import type { AppEnv } from "../../../http/context.ts";
import { appCardNotConnected, appCardView } from "./card-app-view.ts";
import { cardView, notConnectedView } from "./card-view.ts";
import { PATHS } from "../../../http/paths.ts";

/** A wizard takes a while; long enough to finish one, short enough that a leaked URL soon dies (ADR 11). */
export const LINK_LIFETIME_MS = 2 * 3600_000;

const OBJECT_TYPES = { DEAL: "deals", CONTACT: "contacts", COMPANY: "companies" } as const;
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
type CardQuery = z.infer<typeof cardQuery>;

/**
 * `GET /hubspot/card`: the "Integration invoices" card (I8, E2, S1), in two contracts from one
 * implementation: the classic CRM card JSON (HubSpot's classic fetch, the emulator) and, with
 * `format=app-card`, the JSON the app card of `hubspot-app/` renders (its `hubspot.fetch` calls are
 * signed the same way, with HubSpot adding `portalId`, `userId`, `userEmail` and `appId` to the
 * query). Anything unsigned, forged or stale is refused before a database read. The answer comes
 * from our database only (no vendor call), so the card stays fast with many invoices. Action and
 * preview URLs carry signed tokens bound to portal, record and user.
 */
export function cardRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get(PATHS.hubspotCard, async (c) => {
    const hubspot = deps.vendors.hubspot;
    if (!hubspot) return c.json({ error: "HubSpot is not configured" }, 503);
    const now = deps.clock.now();
    // HubSpot sends v3 beside v2 on card fetches. v2 has no timestamp, so a captured fetch would
    // replay forever and mint fresh action tokens: only the timestamped v3 is accepted here.
    if (!c.req.header("x-hubspot-signature-v3"))
      return c.json({ error: "a timestamped X-HubSpot-Signature-v3 is required" }, 401);
    const verified = verifyHubSpotSignature({
      method: "GET",
      url: `${deps.config.publicUrl}${c.req.path}${new URL(c.req.url).search}`,
      rawBody: "",
      header: (name) => c.req.header(name),
      clientSecret: hubspot.clientSecret,
      now,
    });
    if (!verified.ok) {
      c.get("log").warn({ reason: verified.error.reason }, `refused card fetch: ${verified.error.message}`);
      return c.json({ error: verified.error.message }, 401);
    }
    const query = cardQuery.safeParse(c.req.query());
    if (!query.success) {
      const issue = query.error.issues[0];
      return c.json({ error: `${issue?.path.join(".") ?? "query"}: ${issue?.message ?? "invalid"}` }, 400);
    }
    return c.json(await cardAnswer(deps, c, query.data, now));
  });
  return app;
}

/** The card's JSON in the asked contract: the same rows, URLs and words, two shapes. */
async function cardAnswer(deps: AppDeps, c: Context<AppEnv>, q: CardQuery, now: Date) {
  const db = deps.database.db;
  const appCard = q.format === "app-card";
  const portal = await db
    .selectFrom("portals")
    .select(["portalId", "status"])
    .where("portalId", "=", q.portalId)
    .executeTakeFirst();
  const locale = await viewerLocale(deps, c, q);
  const t = translator(locale);
  if (!portal) return appCard ? appCardNotConnected(t, locale) : notConnectedView(t);

  const objectType = OBJECT_TYPES[q.associatedObjectType];
  const claims = (purpose: EmbedClaims["purpose"], invoiceKey?: string): EmbedClaims => ({
    purpose,
    portalId: q.portalId,
    objectType,
    objectId: q.associatedObjectId,
    hubspotUserId: q.userId,
    userEmail: q.userEmail,
    locale,
    exp: now.getTime() + LINK_LIFETIME_MS,
    ...(invoiceKey ? { invoiceKey } : {}),
  });
  const base = deps.config.publicUrl;
  const link = (path: string, token: string) => `${base}${path}?t=${encodeURIComponent(token)}`;
  const rows = await invoicesForRecord(db, q.portalId, objectType, q.associatedObjectId);
  const embed = signToken(deps.secrets, claims("embed"));
  const invoices = rows.map((r) => ({
    ...r,
    previewUrl: link(
      `/invoices/${encodeURIComponent(r.invoiceKey)}/preview`,
      signToken(deps.secrets, claims("preview", r.invoiceKey)),
    ),
  }));
  const actions = {
    createUrl: objectType === "deals" ? link(PATHS.embedNewInvoice, embed) : undefined,
    addUrl: link(PATHS.embedAddInvoice, embed),
    // The Invoices page needs a Ledgerlink session; it is filtered to the deal when there is one.
    allUrl: `${base}/invoices${objectType === "deals" ? `?deal=${q.associatedObjectId}` : ""}`,
  };
  return appCard ? appCardView(t, locale, invoices, actions) : cardView(t, invoices, actions);
}

/**
 * The viewer's language: their saved Ledgerlink choice, else the app card's HubSpot locale, else
 * what the request prefers, else English.
 */
async function viewerLocale(deps: AppDeps, c: Context<AppEnv>, q: CardQuery) {
  const user = await deps.database.db
    .selectFrom("users")
    .select("locale")
    .where("portalId", "=", q.portalId)
    .where("hubspotUserId", "=", q.userId)
    .executeTakeFirst();
  const saved = user?.locale ?? undefined;
  if (isLocale(saved)) return saved;
  // HubSpot locales look like "ja-jp" or "en-us": read as the first choice of an Accept-Language.
  const asked = [q.locale, c.req.header("accept-language")].filter(Boolean).join(",");
  return negotiateLocale(undefined, asked) as Locale;
}
