import type { Entity } from "../../entities.ts";
import { refValue } from "../../entities.ts";
import type { Company } from "../../store.ts";
import { word } from "../i18n.ts";
import { Shell } from "../layout.tsx";
import { invoiceStatus } from "../status.ts";
import { companyPath, type View } from "../view.ts";
import { Linked } from "./invoice.tsx";
import { ActionButton, currencyOf, Money, RecordLink, SalesLines, StatusBadge } from "./parts.tsx";

export interface RecordProps {
  view: View;
  company: Company;
  record: Entity;
  today: string;
  notice?: string;
  alert?: string;
}

const shell = (props: RecordProps, tab: "customers" | "items" | "payments" | "estimates", title: string) => ({
  view: props.view,
  title,
  company: props.company,
  tab,
  notice: props.notice,
  alert: props.alert,
});

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

/** A payment: amount, what it applies to, and void or delete. */
export function PaymentPage(props: RecordProps) {
  const { view, company, record } = props;
  const { t } = view;
  const currency = currencyOf(company, record);
  const base = companyPath(company, `/payments/${String(record.Id)}`);
  const lines = (record.Line ?? []) as Entity[];
  return (
    <Shell {...shell(props, "payments", `${t("detail.txnType.Payment")} ${String(record.Id)}`)}>
      <section class="panel">
        <dl class="facts">
          <dt>{t("col.customer")}</dt>
          <dd>{String((record.CustomerRef as Entity | undefined)?.name ?? "")}</dd>
          <dt>{t("col.date")}</dt>
          <dd>{String(record.TxnDate ?? "")}</dd>
          <dt>{t("col.amount")}</dt>
          <dd>
            <Money view={view} amount={record.TotalAmt} currency={currency} />
          </dd>
          <dt>{t("col.unapplied")}</dt>
          <dd>
            <Money view={view} amount={record.UnappliedAmt} currency={currency} />
          </dd>
          {record.PrivateNote ? (
            <>
              <dt>{t("detail.note")}</dt>
              <dd>{String(record.PrivateNote)}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <h2>{t("col.appliedTo")}</h2>
      <table>
        <tbody>
          {lines.map((line) => {
            const id = String(((line.LinkedTxn ?? []) as Entity[])[0]?.TxnId ?? "");
            return (
              <tr>
                <td>
                  <RecordLink
                    view={view}
                    company={company}
                    tab="invoices"
                    id={id}
                    label={company.get("Invoice", id)?.DocNumber ?? id}
                  />
                </td>
                <td class="num">
                  <Money view={view} amount={line.Amount} currency={currency} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <section class="panel">
        <h2>{t("detail.danger")}</h2>
        <div class="actions">
          <ActionButton
            view={view}
            action={`${base}/void`}
            record={record}
            label={t("action.void")}
            kind="danger"
          />
          <ActionButton
            view={view}
            action={`${base}/delete`}
            record={record}
            label={t("action.delete")}
            kind="danger"
          />
        </div>
      </section>
    </Shell>
  );
}

export function EstimatePage(props: RecordProps) {
  const { view, company, record } = props;
  const { t } = view;
  const currency = currencyOf(company, record);
  const base = companyPath(company, `/estimates/${String(record.Id)}`);
  return (
    <Shell
      {...shell(
        props,
        "estimates",
        `${t("detail.txnType.Estimate")} ${String(record.DocNumber ?? record.Id)}`,
      )}
    >
      <section class="panel">
        <dl class="facts">
          <dt>{t("col.status")}</dt>
          <dd>{word(t, "estimate", record.TxnStatus)}</dd>
          <dt>{t("col.customer")}</dt>
          <dd>{String((record.CustomerRef as Entity | undefined)?.name ?? "")}</dd>
          <dt>{t("col.date")}</dt>
          <dd>{String(record.TxnDate ?? "")}</dd>
          <dt>{t("col.expires")}</dt>
          <dd>{String(record.ExpirationDate ?? "")}</dd>
          <dt>{t("col.total")}</dt>
          <dd>
            <Money view={view} amount={record.TotalAmt} currency={currency} />
          </dd>
        </dl>
      </section>
      <h2>{t("detail.lines")}</h2>
      <SalesLines view={view} txn={record} currency={currency} />
      <Linked view={view} company={company} txn={record} />
      <div class="actions">
        <ActionButton
          view={view}
          action={`${base}/delete`}
          record={record}
          label={t("action.delete")}
          kind="danger"
        />
      </div>
    </Shell>
  );
}
