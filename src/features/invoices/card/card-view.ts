import type { InvoiceStateColumn } from "../../../db/schema/index.ts";
import { healthMessage, type HealthNotice } from "../../../web/health-banner.tsx";
import type { Translate } from "../../../web/i18n/index.ts";
import type { CurrencyMismatch } from "../deal-properties.ts";

/**
 * The classic CRM card's JSON (docs/vendors/hubspot.md §10, the legacy `results` format) for one record's
 * invoices: number, QBO company, amount and currency, due date, status, a preview link, and the
 * "Create invoice" (deals) and "Add existing invoice" IFRAME actions. Pure: the route gives it rows
 * and URLs; `card-app-view.ts` renders the same rows for the HubSpot app card.
 */
export interface CardInvoice {
  invoiceKey: string;
  qboInvoiceId: string;
  docNumber: string | null;
  companyName: string;
  currency: string;
  totalAmt: string;
  dueDate: string | null;
  state: InvoiceStateColumn;
  previewUrl: string;
}

/** HubSpot's STATUS colours: a glance at the card tells what needs chasing. */
const STATUS_TYPE: Record<InvoiceStateColumn, string> = {
  overdue: "DANGER",
  paid: "SUCCESS",
  partially_paid: "WARNING",
  sent: "INFO",
  awaiting_send: "DEFAULT",
  voided: "DEFAULT",
};

/** The iframe's size in HubSpot's modal: the wizard needs room for a line-item table. */
export const CARD_FRAME = { width: 900, height: 720 };

/** The record's actions; "Create invoice" exists on deals only. */
export interface CardActions {
  createUrl?: string;
  addUrl: string;
  allUrl: string;
}

export function cardView(
  t: Translate,
  invoices: CardInvoice[],
  actions: CardActions,
  health: HealthNotice[] = [],
  currency?: CurrencyMismatch,
) {
  const iframe = (label: string, uri: string) => ({ type: "IFRAME", uri, label, ...CARD_FRAME });
  return {
    results: [
      ...health.map((n, i) => healthRow(t, n, i)),
      ...(currency ? [currencyRow(t, currency)] : []),
      ...invoices.map((inv) => ({
        objectId: inv.invoiceKey,
        title: inv.docNumber ?? inv.qboInvoiceId,
        link: inv.previewUrl,
        properties: [
          { label: t("card.company"), dataType: "STRING", value: inv.companyName },
          { label: t("card.amount"), dataType: "CURRENCY", value: inv.totalAmt, currencyCode: inv.currency },
          ...(inv.dueDate ? [{ label: t("card.dueDate"), dataType: "DATE", value: inv.dueDate }] : []),
          {
            label: t("card.status"),
            dataType: "STATUS",
            value: t(`card.status.${inv.state}`),
            optionType: STATUS_TYPE[inv.state],
          },
        ],
      })),
    ],
    totalCount: invoices.length,
    allItemsLink: actions.allUrl,
    itemLabel: t("card.itemLabel"),
    ...(actions.createUrl ? { primaryAction: iframe(t("card.createInvoice"), actions.createUrl) } : {}),
    secondaryActions: [iframe(t("card.addExisting"), actions.addUrl)],
  };
}

/**
 * An open health incident as the card's first rows (ADR 0028): what is wrong, and the title links
 * to where the user reconnects when that is the fix.
 */
function healthRow(t: Translate, n: HealthNotice, index: number) {
  return {
    objectId: `ledgerlink-health-${index}`,
    title: n.reconnectUrl ? t("health.action.reconnect") : t("health.card.title"),
    ...(n.reconnectUrl ? { link: n.reconnectUrl } : {}),
    properties: [
      { label: t("health.card.title"), dataType: "STATUS", value: healthMessage(t, n), optionType: "DANGER" },
    ],
  };
}

/**
 * Why the deal's five properties stay empty or stale (S4), as a row above the invoices: the
 * invoice driving them is in another currency than the HubSpot account's.
 */
function currencyRow(t: Translate, currency: CurrencyMismatch) {
  return {
    objectId: "ledgerlink-currency",
    title: t("card.currency.title"),
    properties: [
      { label: t("card.status"), dataType: "STRING", value: t("card.currency.body", { ...currency }) },
    ],
  };
}

/** What the card says to a portal that has not connected Ledgerlink (a card must still answer 200). */
export function notConnectedView(t: Translate) {
  return {
    results: [
      {
        objectId: "ledgerlink-not-connected",
        title: t("card.notConnected"),
        properties: [{ label: t("card.status"), dataType: "STRING", value: t("card.notConnected.body") }],
      },
    ],
    totalCount: 1,
  };
}
