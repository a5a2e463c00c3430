import { verifyHubSpotSignature } from "../../../connectors/hubspot/webhooks.ts";
import type { Database } from "../../../db/kysely.ts";
import type { SecretBox } from "../../../lib/crypto.ts";
import { signToken, type EmbedClaims } from "../../../lib/signed-token.ts";
import { isLocale, negotiateLocale, type Locale } from "../../../web/i18n/index.ts";
import { PATHS } from "../../../http/paths.ts";
import type { VendorApps } from "../../connections/index.ts";
import { findPortal } from "../../connections/index.ts";
import { healthNotices } from "../../health/index.ts";
import type { HealthNotice } from "../../../web/health-banner.tsx";
import { invoicesForRecord, savedLocale } from "../repo/index.ts";
import { currencyMismatch, type CurrencyMismatch } from "../deal-properties.ts";
import type { CardActions, CardInvoice } from "./card-view.ts";

/** A wizard takes a while; long enough to finish one, short enough that a leaked URL soon dies (ADR 11). */
export const LINK_LIFETIME_MS = 2 * 3600_000;

/** What the card's operations need of the app's dependencies (the app passes its own). */
export interface CardDeps {
  config: { publicUrl: string };
  database: { db: Database };
  secrets: SecretBox;
  vendors: VendorApps;
}

/** A card fetch as the route parsed it from HubSpot's query. */
export interface CardRequest {
  portalId: string;
  associatedObjectId: string;
  associatedObjectType: "DEAL" | "CONTACT" | "COMPANY";
  userId: string;
  userEmail: string;
  /** The HubSpot user's locale as the app card knows it; the saved Ledgerlink choice still wins. */
  locale?: string;
}

export type CardFetchCheck =
  { ok: true } | { ok: false; status: 401 | 503; message: string; reason?: string };

/**
 * Whether a card fetch really comes from HubSpot. HubSpot sends v3 beside v2 on card fetches; v2
 * has no timestamp, so a captured fetch would replay forever and mint fresh action tokens: only
 * the timestamped v3 is accepted here.
 */
export function checkCardFetch(
  deps: CardDeps,
  request: { pathAndQuery: string; header: (name: string) => string | undefined },
  now: Date,
): CardFetchCheck {
  const hubspot = deps.vendors.hubspot;
  if (!hubspot) return { ok: false, status: 503, message: "HubSpot is not configured" };
  const verified = verifyHubSpotSignature({
    method: "GET",
    url: `${deps.config.publicUrl}${request.pathAndQuery}`,
    rawBody: "",
    header: request.header,
    clientSecret: hubspot.clientSecret,
    now,
  });
  if (verified.ok) return { ok: true };
  return { ok: false, status: 401, message: verified.error.message, reason: verified.error.reason };
}

/** What the card shows, in either contract: the viewer's locale, and the rows and actions once connected. */
export type CardContent =
  | { locale: Locale; connected: false }
  | {
      locale: Locale;
      connected: true;
      invoices: CardInvoice[];
      actions: CardActions;
      /** Open health incidents (ADR 0028), their reconnect links made absolute. */
      health: HealthNotice[];
      /** On a deal: its invoice properties are not updated, the invoice being in another currency (S4). */
      currency?: CurrencyMismatch;
    };

const OBJECT_TYPES = { DEAL: "deals", CONTACT: "contacts", COMPANY: "companies" } as const;

/**
 * The record's invoices from our database only (no vendor call, so the card stays fast with many
 * invoices), with action and preview URLs carrying signed tokens bound to portal, record and user.
 */
export async function cardContent(
  deps: CardDeps,
  q: CardRequest,
  acceptLanguage: string | undefined,
  now: Date,
): Promise<CardContent> {
  const db = deps.database.db;
  const portal = await findPortal(db, q.portalId);
  const locale = await viewerLocale(db, q, acceptLanguage);
  if (!portal) return { locale, connected: false };

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
  const health = (await healthNotices(db, q.portalId)).map((n) =>
    n.reconnectUrl ? { ...n, reconnectUrl: `${base}${n.reconnectUrl}` } : n,
  );
  const currency =
    objectType === "deals"
      ? currencyMismatch(
          rows.map((r) => ({ currency: r.currency, state: r.state, updatedAt: r.qboUpdatedAt })),
          portal.companyCurrency,
        )
      : undefined;
  return { locale, connected: true, invoices, actions, health, currency };
}

/**
 * The viewer's language (ADR 0023): the HubSpot user's own, when HubSpot says it (the app card's
 * `context.user.locale`), else their saved Ledgerlink choice, else what the request prefers (the
 * classic fetch carries no locale; the HubSpot emulator sends the user's language as
 * Accept-Language), else English.
 */
async function viewerLocale(db: Database, q: CardRequest, acceptLanguage: string | undefined) {
  // HubSpot locales look like "ja-jp" or "en-us"; one we do not speak (fr-fr) falls through.
  const hubspot = q.locale?.toLowerCase().split(/[-_]/)[0];
  if (isLocale(hubspot)) return hubspot;
  const saved = await savedLocale(db, q.portalId, q.userId);
  if (isLocale(saved)) return saved;
  return negotiateLocale(undefined, acceptLanguage) as Locale;
}

/**
 * A preview link for one invoice, with its own token bound to that invoice (ADR 11), from the
 * claims of the page that shows it (never the page's own token).
 */
export function previewUrl(
  secrets: SecretBox,
  claims: Omit<EmbedClaims, "purpose" | "exp" | "invoiceKey">,
  invoiceKey: string,
  now: Date,
): string {
  const token = signToken(secrets, {
    ...claims,
    purpose: "preview",
    invoiceKey,
    exp: now.getTime() + LINK_LIFETIME_MS,
  });
  return `/invoices/${encodeURIComponent(invoiceKey)}/preview?t=${encodeURIComponent(token)}`;
}
