import type { Entity } from "../../entities.ts";
import { refValue } from "../../entities.ts";
import { word } from "../i18n.ts";
import { Shell } from "../layout.tsx";
import { invoiceStatus } from "../status.ts";
import { companyPath } from "../view.ts";
import { ActionButton, currencyOf, Money, RecordLink, StatusBadge } from "./parts.tsx";
import { recordShell as shell, type RecordProps } from "./record-shell.ts";

/** A customer: contact facts, balance, their invoices, and "make inactive". */
export function CustomerPage(props: RecordProps) {
  const { view, company, record } = props;
  const { t } = view;
  const currency = currencyOf(company, record);
  const invoices = company.list("Invoice").filter((inv) => refValue(inv.CustomerRef) === String(record.Id));
  return (
    <Shell {...shell(props, "customers", String(record.DisplayName))}>
      <section class="panel">
        <dl class="facts">
          <dt>{t("col.status")}</dt>
          <dd data-field="Active">{record.Active === false ? t("status.inactive") : t("status.active")}</dd>
          <dt>{t("col.email")}</dt>
          <dd>{String((record.PrimaryEmailAddr as Entity | undefined)?.Address ?? "")}</dd>
          <dt>{t("col.balance")}</dt>
          <dd>
            <Money view={view} amount={record.Balance} currency={currency} />
          </dd>
        </dl>
      </section>
      <div class="actions">
        <a
          class="button"
          href={view.href(companyPath(company, "/payments/new"), { customer: String(record.Id) })}
        >
          {t("action.receivePayment")}
        </a>
        {record.Active !== false ? (
          <ActionButton
            view={view}
            action={companyPath(company, `/customers/${String(record.Id)}/deactivate`)}
            record={record}
            label={t("action.deactivate")}
            kind="danger"
          />
        ) : null}
      </div>
      <h2>{t("nav.invoices")}</h2>
      <table>
        <tbody>
          {invoices.map((inv) => (
            <tr>
              <td>
                <RecordLink
                  view={view}
                  company={company}
                  tab="invoices"
                  id={inv.Id}
                  label={inv.DocNumber ?? inv.Id}
                />
              </td>
              <td>{String(inv.DueDate ?? "")}</td>
              <td class="num">
                <Money view={view} amount={inv.Balance} currency={currency} />
              </td>
              <td>
                <StatusBadge view={view} status={invoiceStatus(inv, props.today)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Shell>
  );
}

export function ItemPage(props: RecordProps) {
  const { view, company, record } = props;
  const { t } = view;
  return (
    <Shell {...shell(props, "items", String(record.Name))}>
      <section class="panel">
        <dl class="facts">
          <dt>{t("col.type")}</dt>
          <dd>{word(t, "itemType", record.Type)}</dd>
          <dt>{t("col.description")}</dt>
          <dd>{String(record.Description ?? "")}</dd>
          <dt>{t("col.price")}</dt>
          <dd>
            <Money view={view} amount={record.UnitPrice} currency={company.settings.homeCurrency} />
          </dd>
          <dt>{t("col.status")}</dt>
          <dd>{record.Active === false ? t("status.inactive") : t("status.active")}</dd>
        </dl>
      </section>
    </Shell>
  );
}
