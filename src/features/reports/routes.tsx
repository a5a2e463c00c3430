import { Hono, type Context } from "hono";
import { reportsFor } from "./service.ts";
import { REPORT_NAMES, reportTable, toCsv, type ReportName } from "./pages/tables.ts";
import { ReportsPage } from "./pages/reports.tsx";
import type { AppDeps } from "../../http/context.ts";
import type { AppEnv } from "../../http/context.ts";
import { requireUser } from "../../http/middleware/session.ts";
import { pageProps } from "../overview/index.ts";

/** W4: the Reports page and one CSV export per report, both from the same filter. */
export function reportRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;
  app.use("/reports", requireUser());
  app.use("/reports/*", requireUser());

  const load = (c: Context<AppEnv>) =>
    reportsFor(db, c.get("user")!.portalId, c.req.query(), deps.clock.now());

  app.get("/reports", async (c) => {
    const t = c.get("t");
    const { parsed, choices, reports } = await load(c);
    const error = parsed.ok
      ? undefined
      : t("reports.filter.bad", { reason: t(parsed.reason), currency: parsed.view.currency });
    return c.html(
      <ReportsPage
        {...pageProps(c)}
        reports={reports}
        choices={choices}
        filter={parsed.view}
        error={error}
      />,
      parsed.ok ? 200 : 400,
    );
  });

  app.get("/reports/:file{[a-z-]+\\.csv}", async (c) => {
    const t = c.get("t");
    const name = c.req.param("file").replace(/\.csv$/, "") as ReportName;
    if (!REPORT_NAMES.includes(name)) return c.text(t("reports.notFound"), 404);
    const { parsed, reports } = await load(c);
    // A bad filter never silently exports something else than what was asked.
    if (!parsed.ok) return c.text(t(parsed.reason), 400);
    const csv = toCsv(reportTable(name, reports, t), parsed.view.currency, t("reports.csv.currency"));
    const day = deps.clock.now().toISOString().slice(0, 10);
    return c.body(csv, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="ledgerlink-${name}-${parsed.view.currency}-${day}.csv"`,
      "cache-control": "private, no-store",
    });
  });
  return app;
}
