import type { InvoiceStateColumn } from "../../../db/schema/index.ts";
import { healthMessage, type HealthNotice } from "../../../web/health-banner.tsx";
import type { Locale, Translate } from "../../../web/i18n/index.ts";
import type { CurrencyMismatch } from "../deal-properties.ts";
import { CARD_FRAME, type CardActions, type CardInvoice } from "./card-view.ts";

/**
 * The JSON the HubSpot app card (`hubspot-app/`) renders: the same rows and signed URLs as the
 * classic card, as data instead of HubSpot's classic layout. Every label is translated here, so the
 * card and the Ledgerlink pages speak one vocabulary; the card itself only words its loading and
 * error states, which it shows before (or without) an answer. `version` lets an older card upload
 * refuse a shape it does not know instead of rendering it wrong.
 */
export const APP_CARD_VERSION = 1;

export type AppCardStatusVariant = "danger" | "warning" | "info" | "success" | "default";

export interface AppCardAction {
  label: string;
  url: string;
  width: number;
  height: number;
}

export interface AppCardJson {
  version: typeof APP_CARD_VERSION;
  locale: Locale;
  connected: boolean;
  /** Shown instead of the table when the portal has not connected Ledgerlink. */
  notice: { title: string; body: string } | null;
  /**
   * Open health incidents (ADR 0028), and on a deal why its invoice properties are not updated
   * (S4: the invoice is in another currency), shown above the table; present only when there are
   * some, so an older card that does not know the field renders as before.
   */
  alerts?: Array<{ title: string; body: string; reconnect: { label: string; url: string } | null }>;
  labels: {
    number: string;
    company: string;
    amount: string;
    dueDate: string;
    status: string;
    preview: string;
    emptyTitle: string;
    emptyBody: string;
    allInvoices: string;
  };
  invoices: Array<{
    key: string;
    number: string;
    company: string;
    amount: string;
    currency: string;
    dueDate: string | null;
    status: InvoiceStateColumn;
    statusLabel: string;
    statusVariant: AppCardStatusVariant;
    previewUrl: string;
  }>;
  actions: {
    create: AppCardAction | null;
    addExisting: AppCardAction | null;
    allInvoicesUrl: string | null;
  };
}

/** StatusTag variants with the same meaning as the classic card's STATUS colours. */
const VARIANT: Record<InvoiceStateColumn, AppCardStatusVariant> = {
  overdue: "danger",
  paid: "success",
  partially_paid: "warning",
  sent: "info",
  awaiting_send: "default",
  voided: "default",
};

function labels(t: Translate, emptyBody: string): AppCardJson["labels"] {
  return {
    number: t("appCard.number"),
    company: t("card.company"),
    amount: t("card.amount"),
    dueDate: t("card.dueDate"),
    status: t("card.status"),
    preview: t("appCard.preview"),
    emptyTitle: t("appCard.empty.title"),
    emptyBody,
    allInvoices: t("card.itemLabel"),
  };
}

export function appCardView(
  t: Translate,
  locale: Locale,
  invoices: CardInvoice[],
  actions: CardActions,
  health: HealthNotice[] = [],
  currency?: CurrencyMismatch,
): AppCardJson {
  const action = (label: string, url: string): AppCardAction => ({ label, url, ...CARD_FRAME });
  const alerts = health.map((n) => ({
    title: t("health.card.title"),
    body: healthMessage(t, n),
    reconnect: n.reconnectUrl ? { label: t("health.action.reconnect"), url: n.reconnectUrl } : null,
  }));
  if (currency)
    alerts.push({
      title: t("card.currency.title"),
      body: t("card.currency.body", { ...currency }),
      reconnect: null,
    });
  return {
    version: APP_CARD_VERSION,
    locale,
    connected: true,
    notice: null,
    ...(alerts.length > 0 ? { alerts } : {}),
    labels: labels(t, t(actions.createUrl ? "appCard.empty.deal" : "appCard.empty.other")),
    invoices: invoices.map((inv) => ({
      key: inv.invoiceKey,
      number: inv.docNumber ?? inv.qboInvoiceId,
      company: inv.companyName,
      amount: inv.totalAmt,
      currency: inv.currency,
      dueDate: inv.dueDate,
      status: inv.state,
      statusLabel: t(`card.status.${inv.state}`),
      statusVariant: VARIANT[inv.state],
      previewUrl: inv.previewUrl,
    })),
    actions: {
      create: actions.createUrl ? action(t("card.createInvoice"), actions.createUrl) : null,
      addExisting: action(t("card.addExisting"), actions.addUrl),
      allInvoicesUrl: actions.allUrl,
    },
  };
}

export function appCardNotConnected(t: Translate, locale: Locale): AppCardJson {
  return {
    version: APP_CARD_VERSION,
    locale,
    connected: false,
    notice: { title: t("card.notConnected"), body: t("card.notConnected.body") },
    labels: labels(t, t("card.notConnected.body")),
    invoices: [],
    actions: { create: null, addExisting: null, allInvoicesUrl: null },
  };
}
