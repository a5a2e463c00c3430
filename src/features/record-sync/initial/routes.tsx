import { Hono, type Context } from "hono";
import {
  pauseInitialSync,
  previewInitialSync,
  resumeInitialSync,
  runOf,
  startInitialSync,
  type SyncObject,
} from "./service.ts";
import type { MessageKey } from "../../../web/i18n/index.ts";
import { InitialPreviewPage, InitialProgressPage } from "../pages/initial-pages.tsx";
import { MessagePage } from "../../../web/message.tsx";
import type { AppDeps } from "../../../http/context.ts";
import type { AppEnv } from "../../../http/context.ts";
import { requireUser } from "../../../http/middleware/session.ts";
import { ownConnection } from "../../connections/index.ts";
import { pageProps } from "../../overview/index.ts";

const isObject = (v: string | undefined): v is SyncObject => v === "contacts" || v === "products";

/** C4: preview, start, follow, pause and resume an initial sync. */
export function initialSyncRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = deps.database.db;
  app.use("/sync/:conn/initial/*", requireUser());

  const refuse = (
    c: Context<AppEnv>,
    key: MessageKey,
    status: 400 | 409 | 502,
    params?: Record<string, string>,
  ) => {
    const t = c.get("t");
    // The way back: the Sync settings tab the user came from (this company, this object).
    const conn = encodeURIComponent(c.req.param("conn") ?? "");
    const object = c.req.param("object");
    const tab = isObject(object) ? `&tab=${object}` : "";
    return c.html(
      <MessagePage
        {...pageProps(c)}
        title={t("initial.title")}
        message={t(key, params)}
        section="sync"
        link={{ href: `/sync?company=${conn}${tab}`, label: t("initial.back") }}
      />,
      status,
    );
  };

  app.get("/sync/:conn/initial/:object/preview", async (c) => {
    const conn = await ownConnection(c, db);
    const object = c.req.param("object");
    if (!conn || !isObject(object) || !deps.clients) return c.notFound();
    const preview = await previewInitialSync(db, deps.clients, conn, object, () => deps.clock.now());
    if (!preview.ok) {
      if (typeof preview.error === "string") return refuse(c, preview.error, 409);
      return refuse(c, "initial.readFailed", 502, { reason: preview.error.message });
    }
    return c.html(
      <InitialPreviewPage {...pageProps(c)} connectionId={conn} object={object} preview={preview.value} />,
    );
  });

  app.post("/sync/:conn/initial/:object", async (c) => {
    const conn = await ownConnection(c, db);
    const object = c.req.param("object");
    if (!conn || !isObject(object) || !deps.queue) return c.notFound();
    const started = await startInitialSync(db, deps.queue, conn, object, deps.clock.now());
    if (!started.ok) return refuse(c, started.error, 409);
    return c.redirect(`/sync/${conn}/initial/run/${started.value}`, 303);
  });

  app.get("/sync/:conn/initial/run/:syncId", async (c) => {
    const conn = await ownConnection(c, db);
    const run = conn ? await runOf(db, conn, c.req.param("syncId")) : undefined;
    if (!conn || !run) return c.notFound();
    return c.html(<InitialProgressPage {...pageProps(c)} connectionId={conn} run={run} />);
  });

  app.post("/sync/:conn/initial/run/:syncId/:action", async (c) => {
    const conn = await ownConnection(c, db);
    const run = conn ? await runOf(db, conn, c.req.param("syncId")) : undefined;
    const action = c.req.param("action");
    if (!conn || !run || !deps.queue) return c.notFound();
    if (action === "pause") await pauseInitialSync(db, run.syncId, deps.clock.now());
    else if (action === "resume") await resumeInitialSync(db, deps.queue, run.syncId, deps.clock.now());
    else return c.notFound();
    return c.redirect(`/sync/${conn}/initial/run/${run.syncId}`, 303);
  });
  return app;
}
