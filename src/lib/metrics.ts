import { Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * Every metric Ledgerlink exposes on `/metrics` (ADR 0028), in one registry. Two kinds:
 *
 * - **Per-process counters and histograms** (vendor calls, rate limits, token refreshes, job
 *   durations, webhook lag) move in the process that does the work. `serve` and a worker started
 *   with `METRICS_PORT` each expose their own; Prometheus sums them across targets.
 * - **Gauges read from the database at scrape time** (jobs by state, connections by state, oldest
 *   unprocessed change, open incidents) are set only by `serve`'s `/metrics` (http/metrics.ts), so
 *   the shared state is counted once, whichever process changed it.
 *
 * Labels never carry raw ids that grow without bound: vendor routes are templated (`routeTemplate`).
 */
export const metricsRegistry = new Registry();
const registers = [metricsRegistry];

export const metrics = {
  vendorCalls: new Counter({
    name: "ledgerlink_vendor_calls_total",
    help: "Vendor API attempts, by vendor, templated route and HTTP status (or the transport error).",
    labelNames: ["vendor", "route", "status"] as const,
    registers,
  }),
  vendorCallSeconds: new Histogram({
    name: "ledgerlink_vendor_call_duration_seconds",
    help: "Time of one vendor API attempt, by vendor.",
    labelNames: ["vendor"] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  }),
  vendorRateLimited: new Counter({
    name: "ledgerlink_vendor_rate_limited_total",
    help: "Vendor answers with HTTP 429, by vendor.",
    labelNames: ["vendor"] as const,
    registers,
  }),
  budgetWaitSeconds: new Counter({
    name: "ledgerlink_rate_budget_wait_seconds_total",
    help: "Time spent waiting for a token of the shared rate budget before a vendor call, by vendor.",
    labelNames: ["vendor"] as const,
    registers,
  }),
  budgetExhausted: new Counter({
    name: "ledgerlink_rate_budget_exhausted_total",
    help: "Calls given up (and rescheduled) because the rate budget stayed empty past its longest wait.",
    labelNames: ["vendor"] as const,
    registers,
  }),
  tokenRefreshes: new Counter({
    name: "ledgerlink_token_refreshes_total",
    help: "OAuth refresh-token exchanges, by vendor and outcome (ok, invalid_grant, invalid_client, server, network, malformed).",
    labelNames: ["vendor", "outcome"] as const,
    registers,
  }),
  jobSeconds: new Histogram({
    name: "ledgerlink_job_duration_seconds",
    help: "Time a job's handler ran, by job kind and outcome (completed, failed).",
    labelNames: ["kind", "outcome"] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers,
  }),
  webhookLagSeconds: new Histogram({
    name: "ledgerlink_webhook_to_job_lag_seconds",
    help: "Time from a webhook's arrival to the job that processed it, by vendor.",
    labelNames: ["vendor"] as const,
    buckets: [0.5, 1, 5, 15, 60, 300, 900, 3600],
    registers,
  }),
  jobs: new Gauge({
    name: "ledgerlink_jobs",
    help: "Jobs in the queue's table, by kind and state (created, retry, active, completed, cancelled, failed). Set by serve at scrape time.",
    labelNames: ["kind", "state"] as const,
    registers,
  }),
  connections: new Gauge({
    name: "ledgerlink_connections",
    help: "HubSpot portals and QuickBooks companies, by vendor and state (active, needs_reconnect). Set by serve at scrape time.",
    labelNames: ["vendor", "state"] as const,
    registers,
  }),
  oldestChangeSeconds: new Gauge({
    name: "ledgerlink_oldest_unprocessed_change_age_seconds",
    help: "Age of the oldest webhook not yet processed, by vendor and account (QBO realm or HubSpot portal). Set by serve at scrape time.",
    labelNames: ["vendor", "account"] as const,
    registers,
  }),
  openIncidents: new Gauge({
    name: "ledgerlink_open_incidents",
    help: "Open health incidents, by kind (needs_reconnect, sync_failing). Set by serve at scrape time.",
    labelNames: ["kind"] as const,
    registers,
  }),
};

/** Every metric name above, for the test that checks the dashboard and alert rules against it. */
export function metricNames(): string[] {
  return metricsRegistry.getMetricsAsArray().map((m) => m.name);
}

/**
 * A vendor path as a bounded label: the query string dropped and every id-like segment (digits,
 * `realm:id` keys, e-mail addresses, long hex or UUIDs) replaced by `:id`, so
 * `/crm/v3/objects/deals/123?x=1` and `/invoice/45/pdf` stay a handful of routes, not one per record.
 */
export function routeTemplate(path: string): string {
  const bare = path.split("?")[0] ?? "";
  const segments = bare.split("/").map((s) => (idLike(s) ? ":id" : s));
  return segments.join("/") || "/";
}

function idLike(segment: string): boolean {
  if (segment === "") return false;
  if (/^\d+(-\d+)*$/.test(segment)) return true;
  if (/[:@%]/.test(segment)) return true;
  return /\d/.test(segment) && /^[0-9a-f-]{8,}$/i.test(segment);
}
