import { Hono } from "hono";
import type { AppDeps } from "../app.tsx";
import type { AppEnv } from "../context.ts";

// Being written (issue 6).
export function addExistingRoutes(_deps: AppDeps): Hono<AppEnv> {
  return new Hono<AppEnv>();
}
