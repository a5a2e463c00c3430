import type { Entity } from "../../entities.ts";
import { refValue } from "../../entities.ts";
import type { Company } from "../../store.ts";
import { word } from "../i18n.ts";
import { Shell } from "../layout.tsx";
import { invoiceStatus } from "../status.ts";
import { companyPath, type View } from "../view.ts";
import { InvoiceActions } from "./invoice-actions.tsx";
import { Linked } from "./linked.tsx";
import { currencyOf, Money, RecordLink, SalesLines, StatusBadge } from "./parts.tsx";

export interface InvoicePageProps {
  view: View;
  company: Company;
  invoice: Entity;
  today: string;
  notice?: string;
  alert?: string;
}

/** One invoice: its facts and lines, and what a bookkeeper does with it. */
export function InvoicePage(props: InvoicePageProps) {
  const { view, company, invoice } = props;
  const { t } = view;
  const currency = currencyOf(company, invoice);
  const status = invoiceStatus(invoice, props.today);
  const base = companyPath(company, `/invoices/${String(invoice.Id)}`);
  const customerId = refValue(invoice.CustomerRef);
  const delivery = (invoice.DeliveryInfo ?? {}) as Entity;
  const open = status !== "voided" && status !== "paid";
  return (
    <Shell
      view={view}
      title={`${t("detail.txnType.Invoice")} ${String(invoice.DocNumber ?? invoice.Id)}`}
      company={company}
      tab="invoices"
      notice={props.notice}
      alert={props.alert}
    >
      <section class="panel">
        <dl class="facts">
          <dt>{t("col.status")}</dt>
          <dd>
            <StatusBadge view={view} status={status} />
          </dd>
          <dt>{t("col.customer")}</dt>
          <dd>
            <RecordLink
              view={view}
              company={company}
              tab="customers"
              id={customerId}
              label={(invoice.CustomerRef as Entity).name}
            />
          </dd>
          <dt>{t("col.date")}</dt>
          <dd>{String(invoice.TxnDate ?? "")}</dd>
          <dt>{t("form.terms")}</dt>
          <dd>{String((invoice.SalesTermRef as Entity | undefined)?.name ?? "")}</dd>
          <dt>{t("col.due")}</dt>
          <dd data-field="DueDate">{String(invoice.DueDate ?? "")}</dd>
          <dt>{t("col.total")}</dt>
          <dd>
            <Money view={view} amount={invoice.TotalAmt} currency={currency} />
          </dd>
          <dt>{t("col.balance")}</dt>
          <dd data-field="Balance">
            <Money view={view} amount={invoice.Balance} currency={currency} />
          </dd>
          <dt>{t("col.emailStatus")}</dt>
          <dd>{word(t, "email", invoice.EmailStatus)}</dd>
          <dt>{t("detail.billEmail")}</dt>
          <dd>{String((invoice.BillEmail as Entity | undefined)?.Address ?? "")}</dd>
          {delivery.DeliveryTime ? (
            <>
              <dt>{t("detail.sentAt")}</dt>
              <dd>{String(delivery.DeliveryTime)}</dd>
            </>
          ) : null}
          {invoice.PrivateNote ? (
            <>
              <dt>{t("detail.note")}</dt>
              <dd>{String(invoice.PrivateNote)}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <h2>{t("detail.lines")}</h2>
      <SalesLines view={view} txn={invoice} currency={currency} />
      <Linked view={view} company={company} txn={invoice} />
      {status !== "voided" ? (
        <InvoiceActions {...props} base={base} open={open} customerId={customerId} />
      ) : null}
    </Shell>
  );
}
