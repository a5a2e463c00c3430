import type { Entity } from "../../entities.ts";
import { word } from "../i18n.ts";
import { Shell } from "../layout.tsx";
import { companyPath } from "../view.ts";
import { Linked } from "./linked.tsx";
import { ActionButton, currencyOf, Money, RecordLink, SalesLines } from "./parts.tsx";
import { recordShell as shell, type RecordProps } from "./record-shell.ts";

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
