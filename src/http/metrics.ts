import { createHash, timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import type { Database } from "../db/kysely.ts";
import { oldestUnprocessedChanges } from "../features/changes/index.ts";
import { connectionCounts } from "../features/connections/index.ts";
import { openIncidentCounts } from "../features/health/index.ts";
import type { Clock } from "../lib/clock.ts";
import { metrics, metricsRegistry } from "../lib/metrics.ts";
import type { JobQueue } from "../queue/queue.ts";
import type { AppEnv } from "./context.ts";

export interface MetricsDeps {
  /** METRICS_TOKEN; without it `/metrics` is not served at all (404). */
  token?: string;
  /**
   * Given in `serve` only: the gauges read from the database at scrape time (jobs, connections,
   * oldest change, incidents). A worker's own `/metrics` leaves them out, so they count once.
   */
  shared?: { db: Database; queue?: JobQueue; clock: Clock };
}

/**
 * `GET /metrics` in Prometheus's text format (ADR 0028), behind `Authorization: Bearer
 * <METRICS_TOKEN>`: 404 when no token is configured, 401 for a missing or wrong one.
 */
export function metricsRoutes(deps: MetricsDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const expected = deps.token ? digest(deps.token) : undefined;
  app.get("/metrics", async (c) => {
    if (!expected) return c.notFound();
    const given = /^Bearer (.+)$/i.exec(c.req.header("authorization") ?? "")?.[1]?.trim();
    // Compared as digests of equal length, in constant time.
    if (!given || !timingSafeEqual(digest(given), expected))
      return c.text("Unauthorized", 401, { "www-authenticate": 'Bearer realm="metrics"' });
    if (deps.shared) await readSharedGauges(deps.shared);
    return c.body(await metricsRegistry.metrics(), 200, { "content-type": metricsRegistry.contentType });
  });
  return app;
}

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Sets the database-backed gauges from scratch, so a kind or connection that went away disappears. */
export async function readSharedGauges(shared: NonNullable<MetricsDeps["shared"]>): Promise<void> {
  const now = shared.clock.now().getTime();
  const [jobs, connections, changes, incidents] = await Promise.all([
    shared.queue?.countsByState() ?? Promise.resolve([]),
    connectionCounts(shared.db),
    oldestUnprocessedChanges(shared.db),
    openIncidentCounts(shared.db),
  ]);
  metrics.jobs.reset();
  for (const j of jobs) metrics.jobs.set({ kind: j.name, state: j.state }, j.count);
  metrics.connections.reset();
  for (const c of connections) metrics.connections.set({ vendor: c.vendor, state: c.state }, c.count);
  metrics.oldestChangeSeconds.reset();
  for (const ch of changes)
    metrics.oldestChangeSeconds.set(
      { vendor: ch.vendor, account: ch.accountId },
      Math.max(0, (now - ch.receivedAt.getTime()) / 1000),
    );
  metrics.openIncidents.reset();
  for (const kind of ["needs_reconnect", "sync_failing"]) metrics.openIncidents.set({ kind }, 0);
  for (const i of incidents) metrics.openIncidents.set({ kind: i.kind }, i.count);
}
