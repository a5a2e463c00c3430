import { Hono, type Context } from "hono";
import type { Database } from "../../db/kysely.ts";
import { initialSyncsOf } from "../record-sync/index.ts";
import { listQboConnections } from "../connections/index.ts";
import { saveLink } from "../record-sync/index.ts";
import { closeReview, openReviews } from "../record-sync/index.ts";
import { previewBehaviourSwitch } from "./migration.ts";
import { ensureSyncSetup } from "./setup.ts";
import { loadSettings, saveSettings } from "./store.ts";
import { BehaviourPage } from "./pages/behaviour-page.tsx";
import { SyncPage } from "./pages/sync-page.tsx";
import type { AppDeps } from "../../http/app.tsx";
import type { AppEnv } from "../../http/context.ts";
import { requireUser } from "../../http/middleware/session.ts";
import { ownConnection } from "../connections/index.ts";
import { pageProps } from "../overview/index.ts";
import { settingsFromForm, TABS, type Tab } from "./form.ts";

/** The Sync settings page (C1–C5, P1–P3, V1), its review list, and the behaviour switch (X1). */
export function syncRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;
  app.use("/sync", requireUser());
  app.use("/sync/*", requireUser());

  app.get("/sync", async (c) => {
    const tab = (TABS as readonly string[]).includes(c.req.query("tab") ?? "")
      ? (c.req.query("tab") as Tab)
      : "contacts";
    const saved =
      c.req.query("saved") === "1"
        ? c.get("t")("sync.saved")
        : c.req.query("reviewed") === "1"
          ? c.get("t")("sync.review.done")
          : undefined;
    return renderSync(c, db, deps, c.req.query("company"), tab, { flash: saved });
  });

  app.post("/sync/:conn/behaviour", async (c) => {
    const conn = await ownConnection(c, db);
    if (!conn) return c.notFound();
    const settings = await loadSettings(db, conn);
    await saveSettings(db, conn, { ...settings, behaviour: "sync_filter" }, deps.clock.now());
    return c.redirect(`/sync?company=${conn}&tab=contacts&saved=1`, 303);
  });

  app.get("/sync/:conn/behaviour", async (c) => {
    const conn = await ownConnection(c, db);
    if (!conn || !deps.clients) return c.notFound();
    const preview = await previewBehaviourSwitch(db, deps.clients, c.get("user")!.portalId, conn);
    const error = preview.ok
      ? undefined
      : c.get("t")("sync.migration.failed", { reason: preview.error.message });
    return c.html(
      <BehaviourPage
        {...pageProps(c)}
        connectionId={conn}
        preview={preview.ok ? preview.value : undefined}
        error={error}
      />,
      preview.ok ? 200 : 502,
    );
  });

  app.post("/sync/:conn/review/:id/:action", async (c) => {
    const conn = await ownConnection(c, db);
    const action = c.req.param("action");
    if (!conn || (action !== "dismiss" && action !== "link")) return c.notFound();
    const candidate = String((await c.req.formData()).get("candidate") ?? "");
    const now = deps.clock.now();
    const done = await db
      .transaction()
      .execute(async (trx) => {
        const item = await closeReview(
          trx,
          conn,
          c.req.param("id"),
          action === "link" ? "resolved" : "dismissed",
          now,
        );
        if (!item) return false;
        if (action === "dismiss") return true;
        const candidates = item.candidates as Array<{ id: string }>;
        if (!candidates.some((x) => x.id === candidate)) throw new BadCandidate();
        const [qboId, hubspotId] =
          item.side === "qbo" ? [item.recordId, candidate] : [candidate, item.recordId];
        if (
          !(await saveLink(
            trx,
            { connectionId: conn, kind: item.kind, qboId, hubspotId, toHubspot: {}, toQbo: {} },
            now,
          ))
        )
          throw new BadCandidate();
        return true;
      })
      .catch((e: unknown) => (e instanceof BadCandidate ? "bad" : Promise.reject(e)));
    if (done === "bad" || !done) return c.text(c.get("t")("sync.invalid", { reason: "candidate" }), 400);
    return c.redirect(`/sync?company=${conn}&reviewed=1`, 303);
  });

  app.post("/sync/:conn/:tab", async (c) => {
    const conn = await ownConnection(c, db);
    const tab = c.req.param("tab") as Tab;
    if (!conn || !TABS.includes(tab)) return c.notFound();
    await ensureSyncSetup(db, conn, deps.clock.now());
    const form = await c.req.parseBody({ all: true });
    const result = settingsFromForm(await loadSettings(db, conn), tab, form);
    if (!result.ok)
      return renderSync(c, db, deps, conn, tab, {
        error: c.get("t")("sync.invalid", { reason: result.reason }),
        status: 400,
      });
    await saveSettings(db, conn, result.settings, deps.clock.now());
    return c.redirect(`/sync?company=${conn}&tab=${tab}&saved=1`, 303);
  });
  return app;
}

class BadCandidate extends Error {}

async function renderSync(
  c: Context<AppEnv>,
  db: Database,
  deps: AppDeps,
  wanted: string | undefined,
  tab: Tab,
  extra: { flash?: string; error?: string; status?: 200 | 400 },
) {
  const companies = await listQboConnections(db, c.get("user")!.portalId);
  const conn = companies.find((x) => x.connectionId === wanted) ?? companies[0];
  if (conn) await ensureSyncSetup(db, conn.connectionId, deps.clock.now());
  const settings = conn ? await loadSettings(db, conn.connectionId) : undefined;
  const reviews = conn ? await openReviews(db, conn.connectionId) : [];
  const runs = conn ? await initialSyncsOf(db, conn.connectionId) : [];
  return c.html(
    <SyncPage
      {...pageProps(c)}
      companies={companies}
      connectionId={conn?.connectionId}
      tab={tab}
      settings={settings}
      reviews={reviews}
      runs={runs}
      flash={extra.flash}
      error={extra.error}
    />,
    extra.status ?? 200,
  );
}
