import type { Entity } from "../../entities.ts";
import { refValue } from "../../entities.ts";
import type { Company } from "../../store.ts";
import { formatMoney } from "../i18n.ts";
import type { InvoiceStatus } from "../status.ts";
import { companyPath, type View } from "../view.ts";

/** Small pieces the console's pages share. */

export function currencyOf(company: Company, txn: Entity): string {
  return refValue(txn.CurrencyRef) ?? company.settings.homeCurrency;
}

export function Money(props: { view: View; amount: unknown; currency: string }) {
  return <>{formatMoney(props.view.locale, props.amount, props.currency)}</>;
}

export function StatusBadge(props: { view: View; status: InvoiceStatus }) {
  return (
    <span class={`badge ${props.status}`} data-status={props.status}>
      {props.view.t(`status.${props.status}`)}
    </span>
  );
}

/** A link to a record's page; `tab` is the list it belongs to. */
export function RecordLink(props: {
  view: View;
  company: Company;
  tab: string;
  id: unknown;
  label: unknown;
}) {
  return (
    <a href={props.view.href(companyPath(props.company, `/${props.tab}/${String(props.id)}`))}>
      {String(props.label ?? props.id)}
    </a>
  );
}

/** The id and SyncToken a void, delete or update is checked against (a stale page gets 5010). */
export function Target(props: { record: Entity }) {
  return <input type="hidden" name="syncToken" value={String(props.record.SyncToken)} />;
}

/** One button that posts to an action of a record, carrying its SyncToken. */
export function ActionButton(props: {
  view: View;
  action: string;
  record: Entity;
  label: string;
  kind?: "secondary" | "danger";
}) {
  return (
    <form class="inline" method="post" action={props.view.href(props.action)}>
      <Target record={props.record} />
      <button type="submit" class={props.kind}>
        {props.label}
      </button>
    </form>
  );
}

export function Empty(props: { view: View }) {
  return <p class="hint">{props.view.t("list.empty")}</p>;
}

/** The sales lines of an invoice or estimate (the subtotal line QBO adds is left out). */
export function SalesLines(props: { view: View; txn: Entity; currency: string }) {
  const { t } = props.view;
  const lines = ((props.txn.Line ?? []) as Entity[]).filter((l) => l.DetailType === "SalesItemLineDetail");
  return (
    <table>
      <thead>
        <tr>
          <th>{t("form.item")}</th>
          <th>{t("col.description")}</th>
          <th class="num">{t("form.qty")}</th>
          <th class="num">{t("form.rate")}</th>
          <th class="num">{t("col.amount")}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => {
          const detail = (line.SalesItemLineDetail ?? {}) as Entity;
          return (
            <tr>
              <td>{String(((detail.ItemRef ?? {}) as Entity).name ?? refValue(detail.ItemRef) ?? "")}</td>
              <td>{String(line.Description ?? "")}</td>
              <td class="num">{String(detail.Qty ?? "")}</td>
              <td class="num">
                <Money view={props.view} amount={detail.UnitPrice} currency={props.currency} />
              </td>
              <td class="num">
                <Money view={props.view} amount={line.Amount} currency={props.currency} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Options for a select, with the current value selected. */
export function Options(props: { rows: Entity[]; label: (row: Entity) => string; selected?: string }) {
  return (
    <>
      {props.rows.map((row) => (
        <option value={String(row.Id)} selected={String(row.Id) === props.selected}>
          {props.label(row)}
        </option>
      ))}
    </>
  );
}
