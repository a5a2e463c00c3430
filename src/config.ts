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
  secretKey: string | undefined;
  previousSecretKeys: string[];
  log: { level: RawConfig["LOG_LEVEL"]; format: "json" | "pretty" };
  demoPorts: { hubspot: number; qbo: number };
  hubspot: {
    clientId?: string;
    clientSecret?: string;
    appId?: string;
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
