import type { ReportChoices, Reports } from "../service.ts";
import { Layout, type PageProps } from "../../../web/layout.tsx";
import { ReportSections } from "./sections.tsx";

export interface ReportFilterView {
  company: string;
  currency: string;
  owner: string;
  from: string;
  to: string;
}

/** W4: revenue and receivables, filtered by company, currency, owner and dates; charts, tables, CSV. */
export function ReportsPage(
  props: PageProps & {
    reports: Reports;
    choices: ReportChoices;
    filter: ReportFilterView;
    error?: string;
  },
) {
  const { t, filter, choices } = props;
  const format = new Intl.NumberFormat(props.locale === "ja" ? "ja-JP" : "en-US", {
    style: "currency",
    currency: filter.currency,
  });
  const money = (cents: number) => format.format(cents / 100);
  const params = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== ""));
  const currencies = choices.currencies.includes(filter.currency)
    ? choices.currencies
    : [filter.currency, ...choices.currencies];
  return (
    <Layout {...props} title={t("reports.title")} section="reports">
      <p>{t("reports.intro")}</p>
      {props.error ? (
        <p class="banner" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="get" action="/reports" class="filters">
        <label>
          {t("reports.filter.company")}{" "}
          <select name="company">
            <option value="">{t("reports.filter.any")}</option>
            {choices.companies.map((c) => (
              <option value={c.connectionId} selected={filter.company === c.connectionId}>
                {c.companyName}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("reports.filter.currency")}{" "}
          <select name="currency">
            {currencies.map((c) => (
              <option value={c} selected={filter.currency === c}>
                {c}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("reports.filter.owner")}{" "}
          <select name="owner">
            <option value="">{t("reports.filter.any")}</option>
            {choices.owners.map((o) => (
              <option value={o.ownerId} selected={filter.owner === o.ownerId}>
                {o.ownerName}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("reports.filter.from")} <input type="date" name="from" value={filter.from} />
        </label>{" "}
        <label>
          {t("reports.filter.to")} <input type="date" name="to" value={filter.to} />
        </label>{" "}
        <button type="submit">{t("reports.filter.apply")}</button>
      </form>
      <p class="muted">{t("reports.range.note")}</p>
      {props.reports.invoiceCount === 0 ? (
        <p class="muted">{t("reports.empty", { currency: filter.currency })}</p>
      ) : null}
      <ReportSections
        t={t}
        locale={props.locale}
        reports={props.reports}
        money={money}
        query={params.size ? `?${params.toString()}` : ""}
      />
    </Layout>
  );
}
