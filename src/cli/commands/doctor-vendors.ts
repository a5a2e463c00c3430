import type { Config } from "../../config.ts";
import { PATHS, PENDING_PATHS } from "../../http/paths.ts";
import type { Check } from "./doctor.ts";

/**
 * What `ledgerlink doctor` can tell from the configuration alone about the two vendor apps: each
 * value the setup guides (docs/setup-hubspot.md, docs/setup-quickbooks.md) have the user copy between
 * a vendor console and Ledgerlink's environment, missing or malformed, with what to do about it.
 * Shapes are checked only against the real vendors: the emulators accept any credentials.
 */
const HUBSPOT_GUIDE = "docs/setup-hubspot.md";
const INTUIT_GUIDE = "docs/setup-quickbooks.md";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INTUIT_API_HOSTS = {
  "https://quickbooks.api.intuit.com": "production",
  "https://sandbox-quickbooks.api.intuit.com": "sandbox",
} as const;

interface Value {
  name: string;
  value: string | undefined;
  /** Where in the vendor console the value is, for the "missing" message. */
  where: string;
  /** A shape the real vendor's value always has, described for the "malformed" message. */
  shape?: { test: (v: string) => boolean; says: string };
}

export const usesRealHubSpot = (config: Config) => config.hubspot.apiBaseUrl === "https://api.hubapi.com";
export const usesRealIntuit = (config: Config) => config.intuit.apiBaseUrl in INTUIT_API_HOSTS;

/** Spaces, quotes or a placeholder: what copying from a console or a guide leaves behind. */
function copyMistake(value: string): string | undefined {
  if (value !== value.trim()) return "has spaces around it";
  if (/^["'].*["']$/.test(value)) return "is wrapped in quotes";
  if (/^<.*>$|^(your|x{4,}|changeme)/i.test(value)) return "is still a placeholder";
  return undefined;
}

function valuesCheck(name: string, guide: string, real: boolean, values: Value[]): Check {
  const missing = values.filter((v) => !v.value);
  const bad = values.flatMap((v) => {
    if (!v.value) return [];
    const mistake = copyMistake(v.value);
    if (mistake) return [`${v.name} ${mistake}: copy it again (${v.where})`];
    if (real && v.shape && !v.shape.test(v.value)) return [`${v.name} ${v.shape.says} (${v.where})`];
    return [];
  });
  if (bad.length > 0) return { name, status: "fail", detail: `${bad.join("; ")}; see ${guide}` };
  if (missing.length === values.length) {
    const names = values.map((v) => v.name).join(", ");
    return {
      name,
      status: "warn",
      detail: `not configured (${names}): connecting to it is not possible; see ${guide}`,
    };
  }
  if (missing.length > 0) {
    const what = missing.map((v) => `${v.name} (${v.where})`).join(", ");
    return { name, status: "fail", detail: `missing ${what}; see ${guide}` };
  }
  return { name, status: "ok", detail: "credentials configured" };
}

export function hubspotAppCheck(config: Config): Check {
  const uuid = { test: (v: string) => UUID.test(v), says: "is not a HubSpot client ID or secret (a UUID)" };
  return valuesCheck("HubSpot app", HUBSPOT_GUIDE, usesRealHubSpot(config), [
    {
      name: "HUBSPOT_CLIENT_ID",
      value: config.hubspot.clientId,
      where: "the app's Auth tab, Client ID",
      shape: uuid,
    },
    {
      name: "HUBSPOT_CLIENT_SECRET",
      value: config.hubspot.clientSecret,
      where: "the app's Auth tab, Client secret",
      shape: uuid,
    },
    { name: "HUBSPOT_APP_ID", value: config.hubspot.appId, where: "the app's overview, App ID" },
  ]);
}

export function intuitAppCheck(config: Config): Check {
  // Intuit's keys are long opaque strings: only an impossibly short one is certainly a wrong copy.
  const long = (n: number) => ({ test: (v: string) => v.length >= n && !/\s/.test(v), says: "is too short" });
  return valuesCheck("Intuit app", INTUIT_GUIDE, usesRealIntuit(config), [
    {
      name: "INTUIT_CLIENT_ID",
      value: config.intuit.clientId,
      where: "Keys and credentials, Client ID",
      shape: long(20),
    },
    {
      name: "INTUIT_CLIENT_SECRET",
      value: config.intuit.clientSecret,
      where: "Keys and credentials, Client Secret",
      shape: long(20),
    },
    {
      name: "INTUIT_WEBHOOK_VERIFIER_TOKEN",
      value: config.intuit.webhookVerifierToken,
      where: "Webhooks, Show verifier token",
      shape: long(16),
    },
  ]);
}

/** Which QuickBooks environment the keys must belong to: Intuit's development keys reach sandboxes only. */
export function intuitEnvironmentCheck(config: Config): Check {
  const env = INTUIT_API_HOSTS[config.intuit.apiBaseUrl as keyof typeof INTUIT_API_HOSTS];
  const name = "QuickBooks environment";
  if (!env) return { name, status: "ok", detail: `${config.intuit.apiBaseUrl} (not Intuit: an emulator)` };
  const keys = env === "sandbox" ? "Development" : "Production";
  return {
    name,
    status: "ok",
    detail: `${env}: use the ${keys} keys of the Intuit app (see ${INTUIT_GUIDE}, "Sandbox or production")`,
  };
}

/**
 * The public URL both vendors call back: it must be HTTPS and reachable from the internet once a
 * real vendor app is configured; `http://localhost` is only for the emulators.
 */
export function publicUrlCheck(config: Config): Check {
  const name = "public URL";
  const url = new URL(config.publicUrl);
  const local = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  const real =
    (usesRealHubSpot(config) && Boolean(config.hubspot.clientId)) ||
    (usesRealIntuit(config) && Boolean(config.intuit.clientId));
  const fix = `set PUBLIC_URL to the https:// address where the internet reaches this server (see ${HUBSPOT_GUIDE}, "Public HTTPS URL")`;
  if (url.pathname !== "/" || url.search) {
    const detail = `${config.publicUrl} has a path or query, but Ledgerlink serves its routes at the root; ${fix}`;
    return { name, status: "fail", detail };
  }
  if (local) {
    return real
      ? {
          name,
          status: "fail",
          detail: `${config.publicUrl} is this machine only (is PUBLIC_URL set?); ${fix}`,
        }
      : { name, status: "ok", detail: `${config.publicUrl} (emulators only)` };
  }
  if (url.protocol === "https:") return { name, status: "ok", detail: config.publicUrl };
  return {
    name,
    status: real ? "fail" : "warn",
    detail: `${config.publicUrl} is not HTTPS: HubSpot and Intuit deliver webhooks and OAuth redirects only to HTTPS; ${fix}`,
  };
}

/**
 * The console field each path of PATHS (http/paths.ts) goes into. A path not named here is still
 * printed, labelled from its name, so a route added for a vendor console is never left out.
 */
const CONSOLE_FIELDS: Partial<Record<string, string>> = {
  hubspotOAuthCallback: "HubSpot redirect URL",
  hubspotWebhooks: "HubSpot webhook target URL",
  hubspotCard: "HubSpot card API (fetch)",
  workflowCreateInvoice: "HubSpot workflow action URL",
  workflowCreateInvoiceCompanies: "HubSpot workflow action options URL",
  qboOAuthCallback: "Intuit redirect URI",
  qboWebhooks: "Intuit webhook endpoint URL",
  intuitLaunch: "Intuit Launch URL",
  intuitDisconnect: "Intuit Disconnect URL",
};

/** Paths no console asks for: the pages the app card opens itself (named in hubspot-app/, not typed in). */
export const NOT_IN_A_CONSOLE: ReadonlySet<string> = new Set([
  "embedNewInvoice",
  "embedAddInvoice",
  "invoicePreview",
]);

/** "intuitLaunchUrl" → "Intuit launch url": a readable label for a path nobody labelled yet. */
function labelOf(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What to paste into the vendor consoles, computed from PUBLIC_URL and PATHS (the guides say where). */
export function consoleValues(config: Config, paths: Record<string, string> = PATHS): string[] {
  const rows = Object.entries(paths)
    .filter(([name, path]) => !NOT_IN_A_CONSOLE.has(name) && !path.includes(":"))
    .map(([name, path]) => {
      const pending = PENDING_PATHS.has(path) ? " (not served yet)" : "";
      return [`${CONSOLE_FIELDS[name] ?? labelOf(name)}:`, `${config.publicUrl}${path}${pending}`] as const;
    });
  rows.push(["Intuit host domain:", new URL(config.publicUrl).host]);
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    "Values for the vendor consoles (from PUBLIC_URL):",
    ...rows.map(([label, value]) => `  ${label.padEnd(width)} ${value}`),
  ];
}
