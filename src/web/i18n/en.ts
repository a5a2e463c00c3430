import { activityEn } from "../../features/activity/i18n.en.ts";
import { overviewEn } from "../../features/overview/i18n.en.ts";
import { connectionsEn } from "../../features/connections/i18n.en.ts";
import { appCardEn } from "../../features/invoices/i18n/app-card.en.ts";
import { cardEn } from "../../features/invoices/i18n/card.en.ts";
import { workflowEn } from "../../features/workflow-action/i18n.en.ts";
import { initialEn } from "../../features/record-sync/i18n.en.ts";
import { mappingsEn } from "../../features/settings/i18n/mappings.en.ts";
import { syncEn } from "../../features/settings/i18n/sync.en.ts";
import { wizardEn } from "../../features/invoices/i18n/wizard.en.ts";
import { reportsEn } from "../../features/reports/i18n.en.ts";
import { automationsEn } from "../../features/automations/i18n.en.ts";
import { timeTravelEn } from "../../features/time-travel/i18n.en.ts";
import { healthEn } from "../../features/health/i18n.en.ts";

/** English strings. Every key here must exist in ja.ts too (the type enforces it). */
export const en = {
  "app.name": "Ledgerlink",
  "app.tagline": "HubSpot ⇄ QuickBooks Online, on your own machine",
  "nav.home": "Home",
  "nav.main": "Main",
  "nav.connections": "Connections",
  "nav.invoices": "Invoices",
  "nav.sync": "Sync",
  "nav.mappings": "Mappings",
  "nav.reports": "Reports",
  "nav.activity": "Activity",
  "nav.language": "Language",
  "lang.en": "English",
  "lang.ja": "日本語",
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
  ...timeTravelEn,
  ...healthEn,
  ...workflowEn,
  ...activityEn,
  ...overviewEn,
  ...connectionsEn,
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
