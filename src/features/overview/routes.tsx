import { Hono, type Context } from "hono";
import type { DatabaseHandle } from "../../db/kysely.ts";
import { pendingMigrations } from "../../db/migrate.ts";
import { installedAt, liveWorkers } from "../../db/instance.ts";
import { migrations } from "../../db/migrations/index.ts";
import type { Clock } from "../../lib/clock.ts";
import type { JobQueue } from "../../queue/queue.ts";
import type { PageProps } from "../../web/layout.tsx";
import { HomePage } from "./pages/home.tsx";
import type { AppEnv } from "../../http/context.ts";

export interface PageDeps {
  database: DatabaseHandle;
  dataDir: string;
  clock: Clock;
  queue?: JobQueue;
}

export function pageProps(c: Context<AppEnv>): PageProps {
  return {
    t: c.get("t"),
    locale: c.get("locale"),
    requestId: c.get("requestId"),
    path: c.req.path,
    csrfToken: c.get("csrfToken"),
    user: c.get("user"),
  };
}

export function pageRoutes(deps: PageDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/", async (c) => {
    const pending = await pendingMigrations(deps.database);
    const facts = {
      installedAt: (await installedAt(deps.database.db)) ?? deps.clock.now(),
      database: { kind: deps.database.kind, dataDir: deps.dataDir },
      migrations: { applied: migrations.length - pending.length, pending: pending.length },
      workers: await liveWorkers(deps.database.db, deps.clock),
      queue: deps.queue ? await deps.queue.depth() : [],
    };
    return c.html(<HomePage {...pageProps(c)} facts={facts} />);
  });
  return app;
}
