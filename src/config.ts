import { z } from "zod";

/**
 * Every setting Ledgerlink reads from the environment, in one schema. A bad value is reported
 * together with every other bad value, so an operator fixes them in one pass.
 */
const httpUrl = () => z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });
const url = (fallback: string) => httpUrl().default(fallback);

const port = (fallback: number) =>
  z.coerce
    .number({ error: "must be a port number" })
    .int("must be a whole number")
    .min(0)
    .max(65535)
    .default(fallback);

export const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce
    .number({ error: "must be a port number" })
    .int("must be a whole number")
    .min(0)
    .max(65535)
    .default(3000),
  PUBLIC_URL: httpUrl().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection string")
    .optional(),
  LEDGERLINK_DATA_DIR: z.string().min(1).default(".ledgerlink"),
  EMBEDDED_SHARED_BUFFERS: z
    .string()
    .regex(/^[1-9][0-9]{0,5}(kB|MB|GB)$/, 'must be a size such as "32MB"')
    .default("32MB"),
  LEDGERLINK_SECRET_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/_=-]{43,}$/, "must be 32 random bytes, base64-encoded (openssl rand -base64 32)")
    .optional(),
  LEDGERLINK_PREVIOUS_SECRET_KEYS: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
  HUBSPOT_CLIENT_ID: z.string().min(1).optional(),
  HUBSPOT_CLIENT_SECRET: z.string().min(1).optional(),
  HUBSPOT_APP_ID: z.string().regex(/^\d+$/, "must be a numeric app id").optional(),
  HUBSPOT_DEVELOPER_API_KEY: z.string().min(1).optional(),
  HUBSPOT_API_BASE_URL: url("https://api.hubapi.com"),
  HUBSPOT_AUTH_BASE_URL: url("https://app.hubspot.com"),
  /** The HubSpot portals this instance serves (ADR 0024); unset, the first to sign in claims it. */
  HUBSPOT_ALLOWED_PORTALS: z
    .string()
    .transform((v) => v.split(",").map((id) => id.trim()))
    .refine((ids) => ids.every((id) => /^\d{1,20}$/.test(id)), {
      error: "must be HubSpot portal ids (digits) separated by commas, e.g. 20000001,20000002",
    })
    .optional(),
  INTUIT_CLIENT_ID: z.string().min(1).optional(),
  INTUIT_CLIENT_SECRET: z.string().min(1).optional(),
  INTUIT_WEBHOOK_VERIFIER_TOKEN: z.string().min(1).optional(),
  INTUIT_API_BASE_URL: url("https://quickbooks.api.intuit.com"),
  INTUIT_AUTH_BASE_URL: url("https://appcenter.intuit.com"),
  INTUIT_OAUTH_BASE_URL: url("https://oauth.platform.intuit.com"),
  INTUIT_REVOKE_BASE_URL: url("https://developer.api.intuit.com"),
  /** Automations' e-mail (W3); without both, e-mail actions are refused when a rule is saved. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional(),
  SMTP_FROM: z.email("must be an e-mail address").optional(),
  RECONCILE_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(1440).default(5),
  /**
   * Bearer token that `/metrics` (Prometheus text format) requires. Unset: `/metrics` does not
   * exist (404), so a fresh install exposes nothing; a wrong or missing token is 401.
   */
  METRICS_TOKEN: z
    .string()
    .min(16, "must be at least 16 characters (openssl rand -hex 32)")
    .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces")
    .optional()
    .describe("Bearer token required by /metrics; unset, /metrics is 404"),
  /**
   * A worker-only process (`ledgerlink worker`) has no web server; with this (and METRICS_TOKEN) it
   * serves its own `/metrics` (its job and vendor-call counters) on this port. 0 picks a free one.
   */
  METRICS_PORT: z.coerce
    .number({ error: "must be a port number" })
    .int("must be a whole number")
    .min(0)
    .max(65535)
    .optional()
    .describe("Port on which a worker-only process serves /metrics; unset, it serves none"),
  /** Failures in a row, with no success since, that make a sync "keep failing" (a health incident). */
  HEALTH_FAILURE_THRESHOLD: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1)
    .max(100)
    .default(3)
    .describe("Failed syncs in a row (same company and object) that open a health incident"),
  /** How long an initial sync may go without a saved batch before it gives up (ADR 0032). */
  SYNC_STALL_TIMEOUT_SECONDS: z.coerce
    .number({ error: "must be a whole number of seconds" })
    .int("must be a whole number of seconds")
    .min(10)
    .max(7 * 24 * 3600)
    .default(900)
    .describe(
      "Seconds an initial sync keeps retrying vendor failures without saving a batch before it stops and asks for a Retry",
    ),
  /** A job that made no progress for this long is failed for good (ADR 0030). */
  JOB_STALL_TIMEOUT_SECONDS: z.coerce
    .number({ error: "must be a whole number of seconds" })
    .int("must be a whole number of seconds")
    .min(60)
    .max(7 * 24 * 3600)
    .default(3600),
  /** Where `npm start` serves the two emulators. */
  DEMO_HUBSPOT_PORT: port(3001),
  DEMO_QBO_PORT: port(3002),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config {
  env: RawConfig["NODE_ENV"];
  host: string;
  port: number;
  publicUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Postgres's buffer pool for the embedded database (ADR 0039). */
  embeddedSharedBuffers: string;
  secretKey: string | undefined;
  previousSecretKeys: string[];
  log: { level: RawConfig["LOG_LEVEL"]; format: "json" | "pretty" };
  demoPorts: { hubspot: number; qbo: number };
  hubspot: {
    clientId?: string;
    clientSecret?: string;
    appId?: string;
    /** The developer API key (`hapikey`) for app-level APIs: timeline event templates (ADR 0038), webhook subscriptions (ADR 0040). */
    developerApiKey?: string;
    apiBaseUrl: string;
    authBaseUrl: string;
  };
  /** HUBSPOT_ALLOWED_PORTALS: only these portals may sign in and call; unset, the first portal claims it. */
  hubspotAllowedPortals?: string[];
  intuit: {
    clientId?: string;
    clientSecret?: string;
    webhookVerifierToken?: string;
    apiBaseUrl: string;
    authBaseUrl: string;
    oauthBaseUrl: string;
    revokeBaseUrl: string;
  };
  reconcileIntervalMinutes: number;
  /** `/metrics` exists only when set (METRICS_TOKEN). */
  metricsToken?: string;
  /** A worker-only process serves `/metrics` on this port (METRICS_PORT). */
  metricsPort?: number;
  healthFailureThreshold: number;
  /** SYNC_STALL_TIMEOUT_SECONDS in milliseconds. */
  syncStallTimeoutMs: number;
  /** A failing job is retried with backoff until it has made no progress for this long. */
  jobStallTimeoutSeconds: number;
  /** Set only when both SMTP_URL and SMTP_FROM are. */
  smtp?: { url: string; from: string };
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  // An empty variable means "not set", as in most twelve-factor apps.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    return { ok: false, problems: [...new Set(problems)].sort() };
  }
  const c = parsed.data;
  if (Boolean(c.SMTP_URL) !== Boolean(c.SMTP_FROM)) {
    return {
      ok: false,
      problems: [
        `${c.SMTP_URL ? "SMTP_FROM" : "SMTP_URL"}: must be set together with ${c.SMTP_URL ? "SMTP_URL" : "SMTP_FROM"}`,
      ],
    };
  }
  const trim = (u: string) => u.replace(/\/+$/, "");
  return {
    ok: true,
    config: {
      env: c.NODE_ENV,
      host: c.HOST,
      port: c.PORT,
      publicUrl: trim(c.PUBLIC_URL ?? `http://localhost:${c.PORT}`),
      databaseUrl: c.DATABASE_URL,
      dataDir: c.LEDGERLINK_DATA_DIR,
      embeddedSharedBuffers: c.EMBEDDED_SHARED_BUFFERS,
      demoPorts: { hubspot: c.DEMO_HUBSPOT_PORT, qbo: c.DEMO_QBO_PORT },
      secretKey: c.LEDGERLINK_SECRET_KEY,
      previousSecretKeys: (c.LEDGERLINK_PREVIOUS_SECRET_KEYS ?? "")
        .split(",")
        .map((k) => k.trim())
        .filter(Boolean),
      log: { level: c.LOG_LEVEL, format: c.LOG_FORMAT ?? (c.NODE_ENV === "production" ? "json" : "pretty") },
      hubspot: {
        clientId: c.HUBSPOT_CLIENT_ID,
        clientSecret: c.HUBSPOT_CLIENT_SECRET,
        appId: c.HUBSPOT_APP_ID,
        developerApiKey: c.HUBSPOT_DEVELOPER_API_KEY,
        apiBaseUrl: trim(c.HUBSPOT_API_BASE_URL),
        authBaseUrl: trim(c.HUBSPOT_AUTH_BASE_URL),
      },
      ...(c.HUBSPOT_ALLOWED_PORTALS ? { hubspotAllowedPortals: c.HUBSPOT_ALLOWED_PORTALS } : {}),
      intuit: {
        clientId: c.INTUIT_CLIENT_ID,
        clientSecret: c.INTUIT_CLIENT_SECRET,
        webhookVerifierToken: c.INTUIT_WEBHOOK_VERIFIER_TOKEN,
        apiBaseUrl: trim(c.INTUIT_API_BASE_URL),
        authBaseUrl: trim(c.INTUIT_AUTH_BASE_URL),
        oauthBaseUrl: trim(c.INTUIT_OAUTH_BASE_URL),
        revokeBaseUrl: trim(c.INTUIT_REVOKE_BASE_URL),
      },
      reconcileIntervalMinutes: c.RECONCILE_INTERVAL_MINUTES,
      ...(c.METRICS_TOKEN ? { metricsToken: c.METRICS_TOKEN } : {}),
      ...(c.METRICS_PORT !== undefined ? { metricsPort: c.METRICS_PORT } : {}),
      healthFailureThreshold: c.HEALTH_FAILURE_THRESHOLD,
      syncStallTimeoutMs: c.SYNC_STALL_TIMEOUT_SECONDS * 1000,
      jobStallTimeoutSeconds: c.JOB_STALL_TIMEOUT_SECONDS,
      ...(c.SMTP_URL && c.SMTP_FROM ? { smtp: { url: c.SMTP_URL, from: c.SMTP_FROM } } : {}),
    },
  };
}

export function formatConfigProblems(problems: string[]): string {
  return [
    "Invalid configuration:",
    ...problems.map((p) => `  - ${p}`),
    "See README.md § Configuration.",
  ].join("\n");
}

/**
 * One line per variable for operators: `npm run env:example` writes `.env.example` from these and
 * the schema's defaults (`test/deploy/env-example.test.ts` keeps the two equal). A variable may
 * instead carry its line on the schema itself with `.describe("…")`; a variable with neither stops
 * the generator with its name.
 */
export const configDescriptions: { readonly [K in keyof RawConfig]?: string } = {
  NODE_ENV: "`production` switches logs to JSON; the container image and the systemd units set it",
  HOST: "interface the web server binds (`0.0.0.0` in a container; the image sets it)",
  PORT: "web server port",
  HUBSPOT_ALLOWED_PORTALS:
    "HubSpot portal ids this instance serves, comma-separated; unset, the first portal to sign in claims it (ADR 0024)",
  PUBLIC_URL:
    "the https:// origin HubSpot and Intuit reach Ledgerlink at (OAuth redirects, webhooks, card fetches); no path, no trailing slash",
  DATABASE_URL:
    "postgres://user:password@host:5432/db for PostgreSQL (production); unset, the embedded database in the data directory",
  LEDGERLINK_DATA_DIR: "where the embedded database, the demo's secret key and emulator state live",
  EMBEDDED_SHARED_BUFFERS:
    "Postgres's buffer pool for the embedded database (e.g. `32MB`); larger trades memory for fewer reads (ADR 0039)",
  LEDGERLINK_SECRET_KEY:
    "seals OAuth tokens (AES-256-GCM): 32 random bytes, base64 (`openssl rand -base64 32`); required with DATABASE_URL, the same in every process",
  LEDGERLINK_PREVIOUS_SECRET_KEYS:
    "comma-separated older keys, still accepted for opening secrets after a rotation",
  LOG_LEVEL: "least severe level logged",
  LOG_FORMAT: "log line format; unset, `json` in production and `pretty` otherwise",
  HUBSPOT_CLIENT_ID: "your HubSpot app's client ID (docs/setup-hubspot.md)",
  HUBSPOT_CLIENT_SECRET: "your HubSpot app's client secret; also verifies HubSpot's webhook signatures",
  HUBSPOT_APP_ID: "your HubSpot app's numeric ID",
  HUBSPOT_DEVELOPER_API_KEY:
    "optional: your HubSpot developer account's API key; with HUBSPOT_APP_ID it creates the app's timeline event templates (ADR 0038) and keeps the webhook subscriptions following your field mappings (ADR 0040); unset, no timeline events are written and the project file's subscriptions stand (docs/setup-hubspot.md)",
  HUBSPOT_API_BASE_URL: "HubSpot's API (an emulator's URL in the demo)",
  HUBSPOT_AUTH_BASE_URL: "HubSpot's OAuth consent page",
  INTUIT_CLIENT_ID: "your Intuit app's client ID (docs/setup-quickbooks.md)",
  INTUIT_CLIENT_SECRET: "your Intuit app's client secret",
  INTUIT_WEBHOOK_VERIFIER_TOKEN: "verifies the intuit-signature header of QuickBooks webhooks",
  INTUIT_API_BASE_URL:
    "QuickBooks Online Accounting API (https://sandbox-quickbooks.api.intuit.com for a sandbox)",
  INTUIT_AUTH_BASE_URL: "Intuit's OAuth consent page",
  INTUIT_OAUTH_BASE_URL: "Intuit's token endpoint",
  INTUIT_REVOKE_BASE_URL: "Intuit's token revocation endpoint (disconnect)",
  SMTP_URL:
    "e-mail of invoice automations: smtp://user:pass@host:587 or smtps://…; set together with SMTP_FROM",
  SMTP_FROM: "sender address of automation e-mails; set together with SMTP_URL",
  RECONCILE_INTERVAL_MINUTES: "how often QuickBooks changes are reconciled through CDC",
  JOB_STALL_TIMEOUT_SECONDS:
    "a failing job is retried with backoff until it has made no progress for this long, then failed for good",
  DEMO_HUBSPOT_PORT: "where `npm start` serves the HubSpot emulator (demo only)",
  DEMO_QBO_PORT: "where `npm start` serves the QuickBooks Online emulator (demo only)",
};
