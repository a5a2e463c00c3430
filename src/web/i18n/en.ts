import { appCardEn } from "../../features/invoices/i18n/app-card.en.ts";
import { cardEn } from "../../features/invoices/i18n/card.en.ts";
import { workflowEn } from "../../features/workflow-action/i18n.en.ts";
import { initialEn } from "../../features/record-sync/i18n.en.ts";
import { mappingsEn } from "../../features/settings/i18n/mappings.en.ts";
import { syncEn } from "../../features/settings/i18n/sync.en.ts";
import { wizardEn } from "../../features/invoices/i18n/wizard.en.ts";
import { reportsEn } from "../../features/reports/i18n.en.ts";
import { automationsEn } from "../../features/automations/i18n.en.ts";

/** English strings. Every key here must exist in ja.ts too (the type enforces it). */
export const en = {
  "app.name": "Ledgerlink",
  "app.tagline": "HubSpot ⇄ QuickBooks Online, on your own machine",
  "nav.home": "Home",
  "nav.connections": "Connections",
  "nav.invoices": "Invoices",
  "nav.sync": "Sync",
  "nav.mappings": "Mappings",
  "nav.reports": "Reports",
  "nav.activity": "Activity",
  "nav.language": "Language",
  "lang.en": "English",
  "lang.ja": "日本語",
  "home.title": "Overview",
  "home.installation": "This installation",
  "home.installedAt": "Running since",
  "home.database": "Database",
  "home.database.pglite": "Embedded PostgreSQL (PGlite) in {dir}",
  "home.database.postgres": "PostgreSQL server",
  "home.migrations": "Database migrations",
  "home.migrations.current": "Up to date ({count} applied)",
  "home.migrations.pending": "{count} pending: run ledgerlink migrate",
  "home.workers": "Workers",
  "home.workers.none": "No worker has reported in the last 2 minutes. Start one with ledgerlink worker.",
  "home.workers.row": "{host} (pid {pid}), last seen {seen}, {jobs} jobs done",
  "home.queue": "Queued jobs",
  "home.queue.empty": "Nothing queued",
  "home.next": "What comes next",
  "home.next.body":
    "Connect HubSpot and QuickBooks Online on the Connections page once it is available; then invoices, sync and reports follow.",
  "notYet.title": "{page} is not available yet",
  "notYet.body":
    "This part of Ledgerlink has not been built yet. Nothing here is simulated: when it arrives, it will show your real data.",
  "notYet.sync": "Contact, product and invoice sync settings arrive with the sync work.",
  "notYet.mappings": "Field mappings arrive with the sync work.",
  "notYet.reports": "Revenue and receivables reports arrive with the reports work.",
  "error.notFound.title": "Page not found",
  "error.notFound.body": "There is no page at this address.",
  "error.csrf": "This form has expired or did not come from Ledgerlink. Reload the page and try again.",
  "error.internal": "Something went wrong on our side. The error has been logged with request id {id}.",
  "footer.requestId": "Request id",
  "activity.title": "Activity",
  "activity.intro":
    "Every event Ledgerlink handled, what it decided, which vendor calls it made and how it ended.",
  "activity.filter.object": "Object",
  "activity.filter.outcome": "Outcome",
  "activity.filter.since": "Since",
  "activity.filter.any": "Any",
  "activity.filter.apply": "Filter",
  "activity.since.hour": "Last hour",
  "activity.since.day": "Last 24 hours",
  "activity.since.week": "Last 7 days",
  "activity.outcome.ok": "Succeeded",
  "activity.outcome.failed": "Failed",
  "activity.outcome.skipped": "Skipped",
  "activity.empty": "Nothing has happened yet for these filters.",
  "activity.col.when": "When",
  "activity.col.object": "Object",
  "activity.col.trigger": "Trigger",
  "activity.col.decision": "Decision",
  "activity.col.outcome": "Outcome",
  "activity.col.calls": "Vendor calls",
  "activity.retry": "Retry",
  "activity.retried": "Queued again. The result will appear here as a new entry.",
  "activity.notRetryable": "This entry cannot be retried.",
  "activity.badFilter": "That filter is not valid: {reason}",
  "signin.title": "Sign in",
  "signin.body":
    "Ledgerlink works inside your HubSpot account. Sign in with HubSpot to connect it and see your portal's data.",
  "signin.button": "Sign in with HubSpot",
  "signin.notConfigured":
    "No HubSpot app is configured (HUBSPOT_CLIENT_ID, HUBSPOT_CLIENT_SECRET, HUBSPOT_APP_ID). Run ledgerlink doctor for details.",
  "signin.signedInAs": "Signed in as {email} (portal {portal})",
  "signin.signout": "Sign out",
  "oauth.failed.title": "Connection failed",
  "oauth.failed.state": "This sign-in link has expired or was already used. Start again.",
  "oauth.failed.denied": "Access was not granted ({reason}). Nothing was changed.",
  "oauth.failed.vendor": "{vendor} refused the connection: {reason}. Nothing was changed.",
  "oauth.failed.missing": "The answer from {vendor} was incomplete (no {field}). Nothing was changed.",
  "oauth.failed.otherPortal":
    "This QuickBooks connection was started for another HubSpot portal. Sign in to that portal and start again.",
  "oauth.again": "Start again",
  "connections.title": "Connections",
  "connections.hubspot": "HubSpot",
  "connections.hubspot.portal": "Portal {portal}, company currency {currency}, time zone {tz}",
  "connections.qbo": "QuickBooks Online companies",
  "connections.qbo.none": "No QuickBooks company is connected yet.",
  "connections.qbo.connect": "Connect a QuickBooks company",
  "connections.qbo.notConfigured":
    "No Intuit app is configured (INTUIT_CLIENT_ID, INTUIT_CLIENT_SECRET). Run ledgerlink doctor for details.",
  "connections.qbo.row": "{name} · realm {realm} · {country} · {currency}",
  "connections.qbo.multiCurrency": "Multicurrency on",
  "connections.qbo.customNumbers":
    "Custom transaction numbers are on: invoice creation will be refused until it is turned off in QuickBooks.",
  "connections.qbo.disconnect": "Disconnect",
  "connections.status.active": "Connected",
  "connections.status.needs_reconnect": "Needs reconnecting",
  "connections.reconnect": "Reconnect",
  "connections.banner.reconnect":
    "{name} needs reconnecting: Ledgerlink can no longer reach it and has stopped syncing it.",
  "connections.disconnected": "{name} was disconnected and its tokens deleted.",
  "connections.notFound": "No such connection in your portal.",
  "embed.invalid": "This link is not valid. Close this window and open it again from the record in HubSpot.",
  "embed.expired": "This link has expired. Close this window and open it again from the record in HubSpot.",
  ...cardEn,
  ...wizardEn,
  ...syncEn,
  ...mappingsEn,
  ...initialEn,
  ...appCardEn,
  ...reportsEn,
  ...automationsEn,
  ...workflowEn,
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
