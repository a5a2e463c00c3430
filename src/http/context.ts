import type { Config } from "../config.ts";
import type { DatabaseHandle } from "../db/kysely.ts";
import type { ChangeRights, SessionUser, VendorApps, VendorClients } from "../features/connections/index.ts";
import type { Clock, MovableClock } from "../lib/clock.ts";
import type { SecretBox } from "../lib/crypto.ts";
import type { EmbedClaims } from "../lib/signed-token.ts";
import type { Logger } from "../lib/logger.ts";
import type { JobQueue } from "../queue/queue.ts";
import type { HealthNotice } from "../web/health-banner.tsx";
import type { Locale, Translate } from "../web/i18n/index.ts";

/** What every request carries through Hono's context. */
export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    locale: Locale;
    t: Translate;
    csrfToken: string;
    /** The signed-in user; every page and API call is scoped to `user.portalId`. */
    user: SessionUser | undefined;
    /** Iframe pages only (middleware/embed.ts): who opened them, from which record, with which token. */
    embed: EmbedClaims & { token: string };
    /** In the demo only: its clock's time, for the banner (docs/adr/0025-demo-time-travel.md). */
    demo: { now: Date } | undefined;
    /** The signed-in portal's open health incidents, for the banner (middleware/health.ts). */
    health: HealthNotice[] | undefined;
    /** Why the signed-in user may look but not change this page (middleware/change-rights.ts). */
    readOnly: string | undefined;
  };
}

/** What the app is built from; each feature's routes take the part they use. */
export interface AppDeps {
  config: Pick<Config, "dataDir" | "publicUrl" | "hubspotAllowedPortals">;
  database: DatabaseHandle;
  logger: Logger;
  clock: Clock;
  secrets: SecretBox;
  vendors: VendorApps;
  queue?: JobQueue;
  /** Verifies `intuit-signature` on QuickBooks webhooks; without it they are refused (503). */
  intuitVerifierToken?: string;
  /** Vendor API clients (rate budget, tokens): the wizard and "Add existing invoice" read QBO and HubSpot. */
  clients?: VendorClients;
  /**
   * Who may change connections, settings, mappings and automations: HubSpot super admins, asked
   * of HubSpot's users API through `clients` unless a test injects its own (ADR 0024).
   */
  changeRights?: ChangeRights;
  /** SMTP_URL and SMTP_FROM are set: automations may send e-mail (W3). */
  smtpConfigured?: boolean;
  /**
   * The demo's shared clock (`npm start` only): turns on the banner and its "Travel forward" route.
   * Absent in `serve`, whose clock is the system's; the route then answers 404.
   */
  timeTravel?: MovableClock;
  /** METRICS_TOKEN: `/metrics` is served only when set (http/metrics.ts). */
  metricsToken?: string;
}
