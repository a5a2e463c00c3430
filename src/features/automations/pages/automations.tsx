import { ConfirmAction } from "../../../web/confirm.tsx";
import type { AutomationAction, AutomationEvent, FiringStatus } from "../../../db/schema/automations.ts";
import { CsrfField, Layout, type PageProps, Notices } from "../../../web/layout.tsx";

export interface RuleListRow {
  ruleId: string;
  name: string;
  enabled: boolean;
  event: AutomationEvent;
  action: AutomationAction;
  companyName: string | null;
  pipelineId: string | null;
  amountMin: string | null;
  amountMax: string | null;
}

export interface FiringListRow {
  firingId: string;
  ruleName: string;
  event: AutomationEvent;
  status: FiringStatus;
  attempts: number;
  result: string | null;
  firedAt: Date;
  invoiceNumber: string;
}

/** The rules of the portal and every firing with its outcome; a failed delivery can be retried (W3). */
export function AutomationsPage(
  props: PageProps & { rules: RuleListRow[]; firings: FiringListRow[]; flash?: string; error?: string },
) {
  const { t } = props;
  const when = (d: Date) => d.toLocaleString(props.locale === "ja" ? "ja-JP" : "en-US", { timeZone: "UTC" });
  return (
    <Layout {...props} title={t("automations.title")} section="automations">
      <p>{t("automations.intro")}</p>
      <Notices flash={props.flash} error={props.error} />
      <h2>{t("automations.rules")}</h2>
      <p>
        <a class="button" href="/automations/new">
          {t("automations.add")}
        </a>
      </p>
      {props.rules.length === 0 ? <p>{t("automations.empty")}</p> : <RuleTable {...props} />}
      <h2>{t("automations.firings")}</h2>
      {props.firings.length === 0 ? (
        <p>{t("automations.firings.empty")}</p>
      ) : (
        <table class="ledger">
          <thead>
            <tr>
              <th>{t("automations.col.firedAt")}</th>
              <th>{t("automations.col.name")}</th>
              <th>{t("automations.col.invoice")}</th>
              <th>{t("automations.col.state")}</th>
              <th>{t("automations.col.attempts")}</th>
              <th>{t("automations.col.result")}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {props.firings.map((f) => (
              <tr data-firing={f.status}>
                <td>{when(f.firedAt)}</td>
                <td>
                  {f.ruleName}
                  <div class="muted">{t(`automations.event.${f.event}`)}</div>
                </td>
                <td>{f.invoiceNumber}</td>
                <td>{t(`automations.status.${f.status}`)}</td>
                <td>{f.attempts}</td>
                <td>{f.result ?? ""}</td>
                <td>
                  {f.status === "failed" ? (
                    <form method="post" action={`/automations/firings/${f.firingId}/retry`}>
                      <CsrfField token={props.csrfToken} />
                      <button type="submit">{t("automations.retry")}</button>
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

function RuleTable(props: PageProps & { rules: RuleListRow[] }) {
  const { t } = props;
  return (
    <table class="ledger">
      <thead>
        <tr>
          <th>{t("automations.col.name")}</th>
          <th>{t("automations.col.when")}</th>
          <th>{t("automations.col.action")}</th>
          <th>{t("automations.col.filters")}</th>
          <th>{t("automations.col.state")}</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        {props.rules.map((r) => (
          <tr data-rule={r.ruleId} data-enabled={String(r.enabled)}>
            <td>{r.name}</td>
            <td>{t(`automations.event.${r.event}`)}</td>
            <td>{t(`automations.action.${r.action}`)}</td>
            <td>{filtersOf(props, r)}</td>
            <td>{r.enabled ? t("automations.on") : t("automations.off")}</td>
            <td>
              <a href={`/automations/${r.ruleId}/edit`}>{t("automations.edit")}</a>{" "}
              <form class="inline" method="post" action={`/automations/${r.ruleId}/toggle`}>
                <CsrfField token={props.csrfToken} />
                <input type="hidden" name="enabled" value={r.enabled ? "" : "on"} />
                <button type="submit">
                  {r.enabled ? t("automations.disable") : t("automations.enable")}
                </button>
              </form>{" "}
              <ConfirmAction
                action={`/automations/${r.ruleId}/delete`}
                csrfToken={props.csrfToken}
                label={t("automations.delete")}
                question={t("automations.delete.question", { name: r.name })}
                confirmLabel={t("automations.delete.confirm")}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function filtersOf(props: PageProps, r: RuleListRow): string {
  const { t } = props;
  const parts: string[] = [];
  if (r.companyName) parts.push(t("automations.filters.company", { name: r.companyName }));
  if (r.pipelineId) parts.push(t("automations.filters.pipeline", { id: r.pipelineId }));
  if (r.amountMin || r.amountMax)
    parts.push(t("automations.filters.amount", { min: r.amountMin ?? "0", max: r.amountMax ?? "∞" }));
  return parts.length ? parts.join(", ") : t("automations.filters.none");
}
