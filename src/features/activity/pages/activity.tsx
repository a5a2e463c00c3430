import type { Outcome } from "../repo.ts";
import { CsrfField, Layout, type PageProps, Notices } from "../../../web/layout.tsx";
import { decisionText, objectText, triggerText } from "../decision-text.ts";

export interface ActivityRow {
  id: string;
  at: Date;
  objectType: string;
  objectId: string | null;
  trigger: string;
  decision: string;
  outcome: Outcome;
  vendorCalls: unknown[];
  errorCategory: string | null;
  errorMessage: string | null;
  retryable: boolean;
}

export interface ActivityFilterView {
  objectType: string;
  outcome: string;
  since: string;
}

/** The CSV link carries the page's filters, so the file holds what the page shows. */
function csvQuery(filter: ActivityFilterView): string {
  const query = new URLSearchParams();
  if (filter.objectType) query.set("object", filter.objectType);
  if (filter.outcome) query.set("outcome", filter.outcome);
  if (filter.since) query.set("since", filter.since);
  const text = query.toString();
  return text ? `?${text}` : "";
}

const OBJECT_TYPES = ["invoice", "customer", "contact", "item", "product", "deal", "connection", "webhook"];
const SINCE = ["hour", "day", "week"] as const;

export function ActivityPage(
  props: PageProps & { rows: ActivityRow[]; filter: ActivityFilterView; flash?: string; error?: string },
) {
  const { t, rows, filter } = props;
  const when = (d: Date) => d.toLocaleString(props.locale === "ja" ? "ja-JP" : "en-US", { timeZone: "UTC" });
  return (
    <Layout {...props} title={t("activity.title")} section="activity">
      <p>{t("activity.intro")}</p>
      <Notices flash={props.flash} error={props.error} />
      <form method="get" action="/activity" class="filters">
        <label>
          {t("activity.filter.object")}{" "}
          <select name="object">
            <option value="">{t("activity.filter.any")}</option>
            {OBJECT_TYPES.map((o) => (
              <option value={o} selected={filter.objectType === o}>
                {objectText(t, o)}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("activity.filter.outcome")}{" "}
          <select name="outcome">
            <option value="">{t("activity.filter.any")}</option>
            {(["ok", "failed", "skipped"] as const).map((o) => (
              <option value={o} selected={filter.outcome === o}>
                {t(`activity.outcome.${o}`)}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("activity.filter.since")}{" "}
          <select name="since">
            <option value="">{t("activity.filter.any")}</option>
            {SINCE.map((s) => (
              <option value={s} selected={filter.since === s}>
                {t(`activity.since.${s}`)}
              </option>
            ))}
          </select>
        </label>{" "}
        <button type="submit">{t("activity.filter.apply")}</button>
      </form>
      <p class="exports">
        <a href={`/activity.csv${csvQuery(filter)}`} download>
          {t("activity.csv")}
        </a>
      </p>
      {rows.length === 0 ? (
        <p>{t("activity.empty")}</p>
      ) : (
        <table class="ledger" id="activity">
          <thead>
            <tr>
              <th>{t("activity.col.when")}</th>
              <th>{t("activity.col.object")}</th>
              <th>{t("activity.col.trigger")}</th>
              <th>{t("activity.col.decision")}</th>
              <th>{t("activity.col.outcome")}</th>
              <th>{t("activity.col.calls")}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr data-outcome={r.outcome}>
                <td>{when(r.at)}</td>
                <td>
                  {objectText(t, r.objectType)}
                  {r.objectId ? ` ${r.objectId}` : ""}
                </td>
                <td>{triggerText(t, r.trigger)}</td>
                <td>
                  {decisionText(t, props.locale, r.decision)}
                  {r.errorMessage ? (
                    <div class="error">
                      {r.errorCategory ? `[${r.errorCategory}] ` : ""}
                      {r.errorMessage}
                    </div>
                  ) : null}
                </td>
                <td>{t(`activity.outcome.${r.outcome}`)}</td>
                <td>{r.vendorCalls.length}</td>
                <td>
                  {r.outcome === "failed" && r.retryable ? (
                    <form method="post" action={`/activity/${r.id}/retry`}>
                      <CsrfField token={props.csrfToken} />
                      <button type="submit">{t("activity.retry")}</button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
