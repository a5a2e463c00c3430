import { csvText } from "../../../lib/csv.ts";
import type { Translate } from "../../../web/i18n/index.ts";
import type { InvoiceListRow } from "./invoices.tsx";

/**
 * The Invoices page's rows as CSV, headers in the page's language. Amounts are plain decimals
 * with their currency in its own column, so a spreadsheet can sum them; the status is worded.
 */
export function invoicesCsv(t: Translate, rows: InvoiceListRow[]): string {
  return csvText(
    [
      t("invoices.col.number"),
      t("invoices.col.company"),
      t("invoices.col.customer"),
      t("invoices.csv.currency"),
      t("invoices.col.amount"),
      t("invoices.col.balance"),
      t("invoices.col.due"),
      t("invoices.col.status"),
      t("invoices.col.records"),
    ],
    rows.map((r) => [
      r.docNumber ?? r.qboInvoiceId,
      r.companyName,
      r.customerName,
      r.currency,
      Number(r.totalAmt),
      Number(r.balance),
      r.dueDate ?? "",
      t(`card.status.${r.state}`),
      r.links.map((l) => t(`invoices.record.${l.objectType}`, { id: l.objectId })).join(", "),
    ]),
  );
}
