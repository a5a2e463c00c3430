import type { Entity } from "../../entities.ts";
import { word } from "../i18n.ts";
import { companyPath } from "../view.ts";
import { ListShell, newestFirst, type ListProps } from "./list-shell.tsx";
import { currencyOf, Empty, Money, RecordLink } from "./parts.tsx";

/** Payments and estimates, newest first. */
export function PaymentsList(props: ListProps) {
  const { view, company } = props;
  const { t } = view;
  const rows = newestFirst(company.list("Payment"));
  const actions = (
    <a class="button" href={view.href(companyPath(company, "/payments/new"))}>
      {t("action.receivePayment")}
    </a>
  );
  return (
    <ListShell {...props} tab="payments" actions={actions}>
      {rows.length === 0 ? (
        <Empty view={view} />
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t("col.number")}</th>
              <th>{t("col.customer")}</th>
              <th>{t("col.date")}</th>
              <th class="num">{t("col.amount")}</th>
              <th class="num">{t("col.unapplied")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr data-payment={String(p.Id)}>
                <td>
                  <RecordLink view={view} company={company} tab="payments" id={p.Id} label={p.Id} />
                </td>
                <td>{String((p.CustomerRef as Entity | undefined)?.name ?? "")}</td>
                <td>{String(p.TxnDate ?? "")}</td>
                <td class="num">
                  <Money view={view} amount={p.TotalAmt} currency={currencyOf(company, p)} />
                </td>
                <td class="num">
                  <Money view={view} amount={p.UnappliedAmt} currency={currencyOf(company, p)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ListShell>
  );
}

export function EstimatesList(props: ListProps) {
  const { view, company } = props;
  const { t } = view;
  const rows = newestFirst(company.list("Estimate"));
  return (
    <ListShell {...props} tab="estimates">
      {rows.length === 0 ? (
        <Empty view={view} />
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t("col.number")}</th>
              <th>{t("col.customer")}</th>
              <th>{t("col.date")}</th>
              <th>{t("col.expires")}</th>
              <th class="num">{t("col.total")}</th>
              <th>{t("col.status")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr>
                <td>
                  <RecordLink
                    view={view}
                    company={company}
                    tab="estimates"
                    id={e.Id}
                    label={e.DocNumber ?? e.Id}
                  />
                </td>
                <td>{String((e.CustomerRef as Entity | undefined)?.name ?? "")}</td>
                <td>{String(e.TxnDate ?? "")}</td>
                <td>{String(e.ExpirationDate ?? "")}</td>
                <td class="num">
                  <Money view={view} amount={e.TotalAmt} currency={currencyOf(company, e)} />
                </td>
                <td>{word(t, "estimate", e.TxnStatus)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ListShell>
  );
}
