import type { Reports } from "../service.ts";
import type { Locale, Translate } from "../../../web/i18n/index.ts";
import { plural } from "../../../web/i18n/plural.ts";
import { BarChart, COLORS, type Series } from "./charts.tsx";
import { reportTable, type Cell, type ReportName } from "./tables.ts";

export interface SectionProps {
  t: Translate;
  locale: Locale;
  reports: Reports;
  money: (cents: number) => string;
  /** The filter as a query string, so each CSV link exports what is on screen. */
  query: string;
}

function Table(props: SectionProps & { name: ReportName }) {
  const table = reportTable(props.name, props.reports, props.t);
  const show = (c: Cell) => (typeof c === "object" ? props.money(c.cents) : String(c));
  return (
    <table class="ledger report" data-report={props.name}>
      <thead>
        <tr>
          {table.columns.map((c) => (
            <th>{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row) => (
          <tr>
            {row.map((c) => (
              <td data-cents={typeof c === "object" ? String(c.cents) : undefined}>{show(c)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Section(props: SectionProps & { name: ReportName; title: string; children?: unknown }) {
  return (
    <section class="report" id={`report-${props.name}`}>
      <h2>{props.title}</h2>
      {props.children}
      <Table {...props} />
      <p>
        <a href={`/reports/${props.name}.csv${props.query}`} download>
          {props.t("reports.csv")}
        </a>
      </p>
    </section>
  );
}

const series = (
  t: Translate,
  rows: Array<Record<"invoicedCents" | "collectedCents" | "openCents", number>>,
) =>
  (["invoiced", "collected", "open"] as const).map((key): Series => ({
    key,
    name: t(`reports.group.${key}`),
    color: COLORS[key],
    values: rows.map((r) => r[`${key}Cents`]),
  }));

/** The six reports, each a chart (where one helps), its table and its CSV link. */
export function ReportSections(props: SectionProps) {
  const { t, reports: r, money } = props;
  const monthly = t("reports.monthly.title");
  const aging = t("reports.aging.title");
  const owners = t("reports.owners.title");
  const pipelines = t("reports.pipelines.title");
  const avg = r.daysToPay.averageDays;
  return (
    <>
      <Section {...props} name="monthly" title={monthly}>
        <BarChart
          id="chart-monthly"
          title={t("reports.chart.label", { title: monthly })}
          categories={r.monthly.map((x) => x.month)}
          series={(["invoiced", "collected"] as const).map((key) => ({
            key,
            name: t(`reports.monthly.${key}`),
            color: COLORS[key],
            values: r.monthly.map((x) => x[`${key}Cents`]),
          }))}
          format={money}
        />
      </Section>
      <Section {...props} name="aging" title={aging}>
        <BarChart
          id="chart-aging"
          title={t("reports.chart.label", { title: aging })}
          categories={r.aging.map((x) => t(`reports.aging.${x.bucket}`))}
          series={[
            {
              key: "open",
              name: t("reports.aging.open"),
              color: COLORS.open,
              values: r.aging.map((x) => x.openCents),
            },
          ]}
          format={money}
        />
      </Section>
      <Section {...props} name="overdue" title={t("reports.overdue.title")}>
        {r.overdue.length === 0 ? <p class="muted">{t("reports.overdue.none")}</p> : null}
      </Section>
      <Section {...props} name="owners" title={owners}>
        <BarChart
          id="chart-owners"
          title={t("reports.chart.label", { title: owners })}
          categories={r.owners.map((g) => g.label ?? g.key ?? t("reports.owners.none"))}
          series={series(t, r.owners)}
          format={money}
        />
      </Section>
      <Section {...props} name="pipelines" title={pipelines}>
        <BarChart
          id="chart-pipelines"
          title={t("reports.chart.label", { title: pipelines })}
          categories={r.pipelines.map((g) => g.label ?? g.key ?? t("reports.pipelines.none"))}
          series={series(t, r.pipelines)}
          format={money}
        />
      </Section>
      <Section {...props} name="days-to-pay" title={t("reports.daysToPay.title")}>
        <p class="summary" data-average-days={avg === null ? "" : avg.toFixed(2)}>
          {avg === null
            ? t("reports.daysToPay.none")
            : plural(props.t, props.locale, "reports.daysToPay.summary", r.daysToPay.rows.length, {
                days: avg.toFixed(1),
              })}
        </p>
      </Section>
    </>
  );
}
