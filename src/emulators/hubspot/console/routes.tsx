import { Hono } from "hono";
import { recordTitle } from "../extensions/record-title.ts";
import { objectTypeNamed } from "../object-types.ts";
import { SEARCH_LIMITS, searchBodySchema } from "../search.ts";
import { searchPortal } from "../search-portal.ts";
import type { World } from "../world.ts";
import { ErrorPage } from "./error-page.tsx";
import { HomePage } from "./home-page.tsx";
import { IndexPage } from "./index-page.tsx";
import { consolePaths, withLang } from "./paths.ts";
import { pageContext, portalOf, type ConsoleOptions } from "./request.ts";
import { consoleStrings } from "./strings.ts";
import { CONSOLE_TYPES, consoleType } from "./types.ts";
import { workflowRoutes } from "./workflow-routes.tsx";

/** Records per index page (HubSpot's views offer 25, 50 and 100; the first is the default). */
export const PAGE_SIZE = 25;
const MAX_QUERY = 3000;

/**
 * The HubSpot emulator's console, server-rendered: `/` lists the portals; each portal has an index
 * page per object type, searched exactly as the CRM search API searches, and a workflows page.
 * Record pages are the extensions' (extensions/record-routes.tsx), at HubSpot's record URL.
 */
export function consoleRoutes(world: World, options: ConsoleOptions = {}): Hono {
  const app = new Hono({ strict: false });

  app.get("/", (c) => {
    const ctx = pageContext(c, options);
    const portals = [...world.portals.values()].map((portal) => ({
      id: portal.id,
      currency: portal.settings.companyCurrency,
      timeZone: portal.settings.timeZone,
      counts: Object.fromEntries(
        CONSOLE_TYPES.map((type) => [type.name, [...portal.table(type.name).all()].length]),
      ),
    }));
    return c.html(<HomePage ctx={ctx} portals={portals} />);
  });

  app.get("/contacts/:portalId/objects/:typeId/views/all/list", (c) => {
    const ctx = pageContext(c, options);
    const t = consoleStrings(ctx.locale);
    const { portalId: rawPortal, typeId } = c.req.param();
    const portal = portalOf(world, rawPortal);
    if (!portal)
      return c.html(
        <ErrorPage ctx={ctx} title={t.notFoundTitle} message={t.unknownPortal(rawPortal)} />,
        404,
      );
    const type = consoleType(typeId);
    if (!type)
      return c.html(
        <ErrorPage ctx={ctx} portalId={portal.id} title={t.notFoundTitle} message={t.unknownType(typeId)} />,
        404,
      );
    const bad = (message: string, status: 400 | 404 = 400) =>
      c.html(
        <ErrorPage
          ctx={ctx}
          portalId={portal.id}
          title={status === 404 ? t.notFoundTitle : t.badRequestTitle}
          message={message}
        />,
        status,
      );
    const q = c.req.query("q") ?? "";
    const rawPage = c.req.query("page") ?? "1";
    if (!/^[1-9]\d{0,5}$/.test(rawPage)) return bad(t.badPage(rawPage));
    const body = searchBodySchema.safeParse({ query: q, limit: PAGE_SIZE });
    if (!body.success || q.length > MAX_QUERY) return bad(t.queryTooLong(MAX_QUERY));

    const spec = objectTypeNamed(type.name);
    const found = searchPortal(portal, spec, body.data);
    // The search API pages no further than 10,000 results; neither does the console.
    const reachable = Math.min(found.length, SEARCH_LIMITS.total);
    const pages = Math.max(1, Math.ceil(reachable / PAGE_SIZE));
    const page = Number(rawPage);
    if (page > pages) return bad(t.noSuchPage(page, pages), 404);

    const path = consolePaths.list(portal.id, type.typeId);
    const pageHref = (n: number) => withLang(path, ctx.lang, { ...(q ? { q } : {}), page: String(n) });
    const label = (name: string) => portal.property(type.name, name)?.label || name;
    const rows = found.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((record) => ({
      id: record.id,
      title: recordTitle(type.name, record.properties) ?? `${spec.upper} ${record.id}`,
      href: withLang(consolePaths.record(portal.id, type.typeId, record.id), ctx.lang),
      cells: type.columns.map((name) => record.properties[name] ?? ""),
    }));
    return c.html(
      <IndexPage
        ctx={ctx}
        portalId={portal.id}
        typeName={type.name}
        action={path}
        columns={type.columns.map((name) => ({ name, label: label(name) }))}
        rows={rows}
        q={q}
        total={found.length}
        page={page}
        pages={pages}
        previousHref={page > 1 ? pageHref(page - 1) : undefined}
        nextHref={page < pages ? pageHref(page + 1) : undefined}
      />,
    );
  });

  app.route("/", workflowRoutes(world, options));
  return app;
}
