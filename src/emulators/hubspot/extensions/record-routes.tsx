import { Hono, type Context } from "hono";
import type { HsRecord, HubSpotCore } from "../contract.ts";
import { currentViewer } from "../console/current-user.ts";
import { callActionHook } from "./card-action.ts";
import { fetchCard, type RecordContext } from "./card-fetch.ts";
import type { CardStore } from "./card-store.ts";
import { pickLocale, type Locale } from "./locale.ts";
import { objectType, type ObjectTypeNames } from "./object-types.ts";
import { NotFoundPage, RecordPage } from "./record-page.tsx";
import { recordTitle } from "./record-title.ts";
import { strings } from "./strings.ts";
import type { TimelineEntry } from "./timeline.ts";

/**
 * The record types that have a record page (HubSpot's URL uses the objectTypeId): contacts,
 * companies, deals, products, line items, quotes and invoices. Cards show where their definition
 * says (`fetch.objectTypes`), which is only ever the first three.
 */
const PAGE_TYPES = ["0-1", "0-2", "0-3", "0-7", "0-8", "0-14", "0-53"];
/** Association rows every record page shows, even when empty; the others show only when there are some. */
const ALWAYS_SHOWN = new Set(["0-1", "0-2", "0-3"]);
const HOOK_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);

const recordPath = (portalId: number | string, typeId: string, id: string) =>
  `/contacts/${portalId}/record/${typeId}/${id}`;

function withLang(path: string, lang: string | undefined, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams({ ...(lang ? { lang } : {}), ...extra }).toString();
  return query ? `${path}?${query}` : path;
}

function titleOf(type: ObjectTypeNames, record: HsRecord): string {
  return recordTitle(type.name, record.properties) ?? `${type.upper} ${record.id}`;
}

/** The console's index page of a type (console/), which the record page links back to. */
const listPath = (portalId: number, typeId: string) =>
  `/contacts/${portalId}/objects/${typeId}/views/all/list`;

/**
 * HubSpot's record page, reduced to what an integration shows on it: the record's properties and
 * associations, and every app card defined for its type, filled by calling the card's fetch URL.
 * Action hooks are posted back here; the emulator signs and forwards them, as HubSpot's UI does.
 */
export function recordPageRoutes(
  core: HubSpotCore,
  cards: CardStore,
  fetchImpl: typeof fetch = fetch,
  timeline: (portalId: number, objectType: string, objectId: string) => TimelineEntry[] = () => [],
): Hono {
  const app = new Hono({ strict: false });

  const resolve = (c: Context) => {
    const { portalId: rawPortal = "", typeId = "", objectId = "" } = c.req.param();
    const lang = c.req.query("lang");
    const portalId = Number(rawPortal);
    const type = PAGE_TYPES.includes(typeId) ? objectType(typeId) : undefined;
    const exists = /^\d+$/.test(rawPortal) && core.portalExists(portalId);
    const record = type && exists ? core.getRecord(portalId, type.name, objectId) : undefined;
    const viewer = exists ? currentViewer(core, portalId, c) : undefined;
    // The page speaks the viewer's language (their HubSpot profile); `?lang=` still overrides it.
    const locale: Locale = pickLocale(lang ?? viewer?.language, c.req.header("accept-language"));
    const found =
      type && record && !record.archived && viewer ? { portalId, type, record, viewer } : undefined;
    return { rawPortal, typeId, objectId, lang, locale, found };
  };

  app.get("/contacts/:portalId/record/:typeId/:objectId", async (c) => {
    const { rawPortal, typeId, objectId, lang, locale, found } = resolve(c);
    const path = recordPath(rawPortal, typeId, objectId);
    const otherLanguageHref = withLang(path, locale === "ja" ? "en" : "ja");
    if (!found)
      return c.html(
        <NotFoundPage
          locale={locale}
          portalId={rawPortal}
          typeId={typeId}
          recordId={objectId}
          otherLanguageHref={otherLanguageHref}
        />,
        404,
      );
    const ctx: RecordContext = found;
    const users = core.users(found.portalId);
    const shown = cards.forObjectType(found.type.name).flatMap((card) => {
      const owner = core.appById(card.appId);
      return owner ? [{ card, owner }] : [];
    });
    const filled = await Promise.all(
      shown.map(async ({ card, owner }) => ({
        card,
        outcome: await fetchCard(core, owner, card, ctx, fetchImpl),
      })),
    );
    const t = strings(locale);
    const properties = Object.entries(found.record.properties)
      .filter((entry): entry is [string, string] => entry[1] !== null && entry[1] !== "")
      .map(([name, value]) => ({
        name,
        value,
        label: core.propertyLabel(found.portalId, found.type.name, name),
      }))
      .sort((a, b) => a.label.localeCompare(b.label, locale));
    const associations = PAGE_TYPES.filter((id) => id !== typeId).flatMap((id) => {
      const other = objectType(id)!;
      const links = core
        .associatedIds(found.portalId, found.type.name, objectId, other.name)
        .map((otherId) => {
          const linked = core.getRecord(found.portalId, other.name, otherId);
          return {
            id: otherId,
            title: linked ? titleOf(other, linked) : otherId,
            href: withLang(recordPath(found.portalId, id, otherId), lang),
          };
        });
      if (links.length === 0 && !ALWAYS_SHOWN.has(id)) return [];
      return [{ label: t.typeName[other.name] ?? other.name, links }];
    });
    const notice = c.req.query("notice");
    return c.html(
      <RecordPage
        locale={locale}
        portalId={found.portalId}
        typeName={found.type.name}
        recordId={objectId}
        title={titleOf(found.type, found.record)}
        listHref={withLang(listPath(found.portalId, typeId), lang)}
        homeHref={withLang("/", lang)}
        properties={properties}
        associations={associations}
        cards={filled}
        timeline={timeline(found.portalId, found.type.name, objectId)}
        actionPath={withLang(`${path}/card-action`, lang)}
        otherLanguageHref={otherLanguageHref}
        viewer={{ current: found.viewer, users, back: withLang(path, lang) }}
        notice={notice ? { ok: notice === "ok", message: c.req.query("message") ?? "" } : undefined}
      />,
    );
  });

  app.post("/contacts/:portalId/record/:typeId/:objectId/card-action", async (c) => {
    const { rawPortal, typeId, objectId, lang, locale, found } = resolve(c);
    if (!found) return core.errorResponse(404, "OBJECT_NOT_FOUND", "resource not found");
    const form = await c.req.parseBody();
    const field = (name: string) => (typeof form[name] === "string" ? form[name] : "");
    const card = cards.get(Number(field("appId")), field("cardId"));
    const owner = card ? core.appById(card.appId) : undefined;
    if (!card || !owner)
      return core.errorResponse(404, "OBJECT_NOT_FOUND", `Card ${field("cardId")} does not exist.`);
    const url = field("url");
    const httpMethod = field("httpMethod").toUpperCase();
    // HubSpot only calls action URLs under the card's declared base URLs.
    if (!card.actions.baseUrls.some((base) => url.startsWith(base)) || !HOOK_METHODS.has(httpMethod))
      return core.errorResponse(
        400,
        "VALIDATION_ERROR",
        `The action ${httpMethod} ${url} is not allowed for card ${card.id}.`,
      );
    const propertyNames = field("properties").split(",").filter(Boolean);
    const result = await callActionHook(core, owner, { url, httpMethod, propertyNames }, found, fetchImpl);
    const t = strings(locale);
    const detail = result.error ?? (result.status !== undefined ? `HTTP ${result.status}` : "");
    const message = result.message ?? (result.ok ? t.actionDone : `${t.actionFailed} ${detail}`.trim());
    const back = withLang(recordPath(rawPortal, typeId, objectId), lang, {
      notice: result.ok ? "ok" : "error",
      message,
    });
    return c.redirect(back, 303);
  });

  return app;
}
