import { Hono } from "hono";
import type { DatabaseHandle } from "../db/kysely.ts";
import { pendingMigrations } from "../db/migrate.ts";
import { databaseReachable } from "../db/instance.ts";
import type { AppEnv } from "./context.ts";

/** `/healthz`: the process answers. `/readyz`: it can do work (database up, schema current). */
export function healthRoutes(database: DatabaseHandle): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    if (!(await databaseReachable(database.db))) {
      return c.json({ status: "unavailable", database: "unreachable" }, 503);
    }
    const pending = await pendingMigrations(database);
    if (pending.length > 0) return c.json({ status: "unavailable", pendingMigrations: pending }, 503);
    return c.json({ status: "ready", database: database.kind });
  });
  return app;
}
