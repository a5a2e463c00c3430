import { Hono, type Context } from "hono";
import { z } from "zod";
import type { DatabaseHandle } from "../../db/kysely.ts";
import type { Clock } from "../../lib/clock.ts";
import type { JobQueue } from "../../queue/queue.ts";
import { ActivityPage } from "./pages/activity.tsx";
import type { AppEnv } from "../../http/context.ts";
import { requireUser } from "../../http/middleware/session.ts";
import { pageProps } from "../overview/index.ts";
import { activityCsv } from "./csv.ts";
import { activityRows, retryEntry } from "./service.ts";

/** The most rows one export holds (the page shows the newest 100). */
const CSV_LIMIT = 500;
const SINCE_MS = { hour: 3600_000, day: 86_400_000, week: 7 * 86_400_000 } as const;
const filterSchema = z.object({
  object: z.union([z.literal(""), z.string().regex(/^[a-z_]{1,40}$/, "unknown object type")]).default(""),
  outcome: z.enum(["", "ok", "failed", "skipped"]).default(""),
  since: z.enum(["", "hour", "day", "week"]).default(""),
});

/**
 * The sync ledger (docs/ARCHITECTURE.md, the Ledger): filter by object, outcome and time; retry a
 * failed record.
 */
export function activityRoutes(deps: {
  database: DatabaseHandle;
  clock: Clock;
  queue?: JobQueue;
}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;
  app.use("/activity", requireUser());
  app.use("/activity/*", requireUser());
  app.use("/activity.csv", requireUser());

  /** The page's filters from the query, shared by the page and its CSV (so the file is what is shown). */
  const readFilter = (c: Context<AppEnv>) => {
    const parsed = filterSchema.safeParse(c.req.query());
    const filter = parsed.success ? parsed.data : { object: "", outcome: "" as const, since: "" as const };
    const query = {
      objectType: filter.object || undefined,
      outcome: filter.outcome || undefined,
      since: filter.since ? new Date(deps.clock.now().getTime() - SINCE_MS[filter.since]) : undefined,
    };
    return { parsed, filter, query };
  };

  app.get("/activity", async (c) => {
    const t = c.get("t");
    const user = c.get("user")!;
    const { parsed, filter, query } = readFilter(c);
    const rows = await activityRows(db, user.portalId, query);
    return c.html(
      <ActivityPage
        {...pageProps(c)}
        rows={rows}
        filter={{ objectType: filter.object, outcome: filter.outcome, since: filter.since }}
        flash={c.req.query("retried") ? t("activity.retried") : undefined}
        error={
          parsed.success
            ? undefined
            : t("activity.badFilter", { reason: parsed.error.issues[0]?.message ?? "" })
        }
      />,
      parsed.success ? 200 : 400,
    );
  });

  app.get("/activity.csv", async (c) => {
    const t = c.get("t");
    const { parsed, query } = readFilter(c);
    // A bad filter never silently exports something else than what was asked.
    if (!parsed.success)
      return c.text(t("activity.badFilter", { reason: parsed.error.issues[0]?.message ?? "" }), 400);
    const rows = await activityRows(db, c.get("user")!.portalId, { ...query, limit: CSV_LIMIT });
    const day = deps.clock.now().toISOString().slice(0, 10);
    return c.body(activityCsv(t, rows), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="ledgerlink-activity-${day}.csv"`,
      "cache-control": "private, no-store",
    });
  });

  app.post("/activity/:id/retry", async (c) => {
    const user = c.get("user")!;
    const outcome = await retryEntry(
      { db, queue: deps.queue },
      user.portalId,
      c.req.param("id"),
      c.get("requestId"),
    );
    if (outcome === "not_found") return c.notFound();
    if (outcome === "not_retryable") return c.text(c.get("t")("activity.notRetryable"), 409);
    return c.redirect("/activity?retried=1", 303);
  });
  return app;
}
