import type { Reports } from "../service.ts";
import type { MessageKey, Translate } from "../../../web/i18n/index.ts";

/** An amount of money in cents; the page formats it for the reader, the CSV writes it plainly. */
export interface Money {
  cents: number;
}
export type Cell = string | number | Money;

export interface ReportTable {
  name: ReportName;
  title: MessageKey;
  columns: string[];
  rows: Cell[][];
}

export const REPORT_NAMES = ["monthly", "aging", "overdue", "owners", "pipelines", "days-to-pay"] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

const m = (cents: number): Money => ({ cents });

type Builder = (r: Reports, t: Translate) => Omit<ReportTable, "name">;

const groupTable =
  (owners: boolean): Builder =>
  (r, t) => ({
    title: owners ? "reports.owners.title" : "reports.pipelines.title",
    columns: [
      t(owners ? "reports.owners.owner" : "reports.pipelines.pipeline"),
      t("reports.group.invoiced"),
      t("reports.group.collected"),
      t("reports.group.open"),
    ],
    rows: (owners ? r.owners : r.pipelines).map((g) => [
      g.label ?? g.key ?? t(owners ? "reports.owners.none" : "reports.pipelines.none"),
      m(g.invoicedCents),
      m(g.collectedCents),
      m(g.openCents),
    ]),
  });

const BUILDERS: Record<ReportName, Builder> = {
  monthly: (r, t) => ({
    title: "reports.monthly.title",
    columns: [t("reports.monthly.month"), t("reports.monthly.invoiced"), t("reports.monthly.collected")],
    rows: r.monthly.map((x) => [x.month, m(x.invoicedCents), m(x.collectedCents)]),
  }),
  aging: (r, t) => ({
    title: "reports.aging.title",
    columns: [t("reports.aging.bucket"), t("reports.aging.count"), t("reports.aging.open")],
    rows: r.aging.map((x) => [t(`reports.aging.${x.bucket}`), x.count, m(x.openCents)]),
  }),
  overdue: (r, t) => ({
    title: "reports.overdue.title",
    columns: (["number", "company", "customer", "due", "days", "balance"] as const).map((c) =>
      t(`reports.overdue.${c}`),
    ),
    rows: r.overdue.map(({ invoice: i, daysOverdue }) => [
      i.number,
      i.companyName,
      i.customerName,
      i.dueDate ?? "",
      daysOverdue,
      m(i.balanceCents),
    ]),
  }),
  owners: groupTable(true),
  pipelines: groupTable(false),
  "days-to-pay": (r, t) => ({
    title: "reports.daysToPay.title",
    columns: (["number", "invoiceDate", "paidOn", "days", "amount"] as const).map((c) =>
      t(`reports.daysToPay.${c}`),
    ),
    rows: r.daysToPay.rows.map((x) => [
      x.invoice.number,
      x.invoice.txnDate ?? "",
      x.paidOn,
      x.days,
      m(x.invoice.totalCents),
    ]),
  }),
};

/**
 * Each report as one table: the page shows it under its chart and the CSV export writes the same
 * rows, so what is downloaded is exactly what is shown.
 */
export function reportTable(name: ReportName, r: Reports, t: Translate): ReportTable {
  return { name, ...BUILDERS[name](r, t) };
}

/** RFC 4180 CSV with the currency as a last column; cells a spreadsheet would run as a formula are quoted inert. */
export function toCsv(table: ReportTable, currency: string, currencyHeader: string): string {
  const cell = (c: Cell): string => {
    if (typeof c === "object") return (c.cents / 100).toFixed(2);
    if (typeof c === "number") return String(c);
    const safe = /^[=+\-@\t\r]/.test(c) ? `'${c}` : c;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [
    [...table.columns.map(cell), cell(currencyHeader)].join(","),
    ...table.rows.map((row) => [...row.map(cell), currency].join(",")),
  ];
  // The byte-order mark lets spreadsheet programs read the Japanese headers as UTF-8.
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
