import { Hono, type Context } from "hono";
import { BehaviourPage } from "./pages/behaviour-page.tsx";
import { SyncPage } from "./pages/sync-page.tsx";
import type { AppDeps } from "../../http/context.ts";
import type { AppEnv } from "../../http/context.ts";
import { requireUser } from "../../http/middleware/session.ts";
import { ownConnection } from "../connections/index.ts";
import { pageProps } from "../overview/index.ts";
import { TABS, type Tab } from "./form.ts";
import { confirmed } from "../../web/confirm.tsx";
import {
  previewBehaviourSwitch,
  resolveReview,
  saveSettingsTab,
  switchToSyncFilter,
  syncPageData,
} from "./service.ts";

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
    return renderSync(c, deps, c.req.query("company"), tab, { flash: saved });
  });

  app.post("/sync/:conn/behaviour", async (c) => {
    const conn = await ownConnection(c, db);
    if (!conn) return c.notFound();
    // X1: only the preview page's button carries the confirmation; anything else changes nothing.
    if (!confirmed(await c.req.formData()))
      return renderSync(c, deps, conn, "contacts", {
        error: c.get("t")("sync.migration.unconfirmed"),
        status: 400,
      });
    await switchToSyncFilter(db, conn, deps.clock.now());
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
    const done = await resolveReview(db, conn, c.req.param("id"), action, candidate, deps.clock.now());
    if (done === "bad" || !done) return c.text(c.get("t")("sync.invalid", { reason: "candidate" }), 400);
    return c.redirect(`/sync?company=${conn}&reviewed=1`, 303);
  });

  app.post("/sync/:conn/:tab", async (c) => {
    const conn = await ownConnection(c, db);
    const tab = c.req.param("tab") as Tab;
    if (!conn || !TABS.includes(tab)) return c.notFound();
    const form = await c.req.parseBody({ all: true });
    const result = await saveSettingsTab(db, conn, tab, form, () => deps.clock.now());
    if (!result.ok)
      return renderSync(c, deps, conn, tab, {
        error: c.get("t")("sync.invalid", { reason: result.reason }),
        status: 400,
      });
    return c.redirect(`/sync?company=${conn}&tab=${tab}&saved=1`, 303);
  });
  return app;
}

async function renderSync(
  c: Context<AppEnv>,
  deps: AppDeps,
  wanted: string | undefined,
  tab: Tab,
  extra: { flash?: string; error?: string; status?: 200 | 400 },
) {
  const data = await syncPageData(deps.database.db, c.get("user")!.portalId, wanted, deps.clock.now());
  return c.html(
    <SyncPage {...pageProps(c)} {...data} tab={tab} flash={extra.flash} error={extra.error} />,
    extra.status ?? 200,
  );
}
