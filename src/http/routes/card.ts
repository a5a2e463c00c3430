import { Hono, type Context } from "hono";
import { z } from "zod";
import { verifyHubSpotSignature } from "../../connectors/hubspot/webhooks.ts";
import { invoicesForRecord } from "../../db/repos/invoices.ts";
import { signToken, type EmbedClaims } from "../../lib/signed-token.ts";
import { isLocale, negotiateLocale, translator, type Locale } from "../../web/i18n/index.ts";
import type { AppDeps } from "../app.tsx";
import type { AppEnv } from "../context.ts";
import { cardView, notConnectedView } from "./card-view.ts";

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
});

/**
 * `GET /hubspot/card`: the "Integration invoices" card (I8, E2, S1). HubSpot signs the fetch with
 * the app's client secret; anything unsigned, forged or stale is refused before a database read.
 * The answer comes from our database only (no vendor call), so the card stays fast with many
 * invoices. Action and preview URLs carry signed tokens bound to portal, record and user.
 */
export function cardRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;

  app.get("/hubspot/card", async (c) => {
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
    const q = query.data;
    const portal = await db
      .selectFrom("portals")
      .select(["portalId", "status"])
      .where("portalId", "=", q.portalId)
      .executeTakeFirst();
    const locale = await viewerLocale(deps, c, q.portalId, q.userId);
    const t = translator(locale);
    if (!portal) return c.json(notConnectedView(t));

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
    return c.json(
      cardView(
        t,
        rows.map((r) => ({
          ...r,
          previewUrl: link(
            `/invoices/${encodeURIComponent(r.invoiceKey)}/preview`,
            signToken(deps.secrets, claims("preview", r.invoiceKey)),
          ),
        })),
        {
          createUrl: objectType === "deals" ? link("/embed/invoices/new", embed) : undefined,
          addUrl: link("/embed/invoices/add", embed),
          // The Invoices page needs a Ledgerlink session; it is filtered to the deal when there is one.
          allUrl: `${base}/invoices${objectType === "deals" ? `?deal=${q.associatedObjectId}` : ""}`,
        },
      ),
    );
  });
  return app;
}

/** The viewer's language: their saved Ledgerlink choice, else what the request prefers, else English. */
async function viewerLocale(deps: AppDeps, c: Context<AppEnv>, portalId: string, hubspotUserId: string) {
  const user = await deps.database.db
    .selectFrom("users")
    .select("locale")
    .where("portalId", "=", portalId)
    .where("hubspotUserId", "=", hubspotUserId)
    .executeTakeFirst();
  const saved = user?.locale ?? undefined;
  return (isLocale(saved) ? saved : negotiateLocale(undefined, c.req.header("accept-language"))) as Locale;
}
