import type { Entity } from "../../entities.ts";
import { refValue } from "../../entities.ts";
import type { Company } from "../../store.ts";
import { word } from "../i18n.ts";
import { Shell } from "../layout.tsx";
import { invoiceStatus } from "../status.ts";
import { companyPath, type View } from "../view.ts";
import {
  ActionButton,
  currencyOf,
  Money,
  Options,
  RecordLink,
  SalesLines,
  StatusBadge,
  Target,
} from "./parts.tsx";

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
      {status !== "voided" ? <Actions {...props} base={base} open={open} customerId={customerId} /> : null}
    </Shell>
  );
}

function Actions(props: InvoicePageProps & { base: string; open: boolean; customerId?: string }) {
  const { view, company, invoice, base } = props;
  const { t } = view;
  const terms = company.list("Term").filter((row) => row.Active !== false);
  return (
    <>
      {props.open ? (
        <div class="actions">
          <a
            class="button"
            href={view.href(companyPath(company, "/payments/new"), {
              customer: props.customerId,
              invoice: String(invoice.Id),
            })}
          >
            {t("action.receivePayment")}
          </a>
        </div>
      ) : null}
      <section class="panel">
        <h2>{t("action.send")}</h2>
        <form method="post" action={view.href(`${base}/send`)} class="row">
          <div>
            <label for="sendTo">{t("form.sendTo")}</label>
            <input
              id="sendTo"
              name="sendTo"
              type="email"
              value={String((invoice.BillEmail as Entity | undefined)?.Address ?? "")}
            />
          </div>
          <button type="submit">{t("action.send")}</button>
        </form>
      </section>
      <section class="panel">
        <h2>{t("form.changeTerms")}</h2>
        <form method="post" action={view.href(`${base}/terms`)} class="row">
          <Target record={invoice} />
          <div>
            <label for="term">{t("form.terms")}</label>
            <select id="term" name="term">
              <option value="">{t("form.noTerms")}</option>
              <Options
                rows={terms}
                label={(row) => String(row.Name)}
                selected={refValue(invoice.SalesTermRef)}
              />
            </select>
          </div>
          <div>
            <label for="dueDate">{t("form.dueDate")}</label>
            <input id="dueDate" name="dueDate" type="date" value="" />
          </div>
          <button type="submit" class="secondary">
            {t("action.save")}
          </button>
        </form>
        <p class="hint">{t("form.dueHint")}</p>
      </section>
      <section class="panel">
        <h2>{t("detail.danger")}</h2>
        <div class="actions">
          <ActionButton
            view={view}
            action={`${base}/void`}
            record={invoice}
            label={t("action.void")}
            kind="danger"
          />
          <ActionButton
            view={view}
            action={`${base}/delete`}
            record={invoice}
            label={t("action.delete")}
            kind="danger"
          />
        </div>
      </section>
    </>
  );
}

/** The payments, estimates or invoices a transaction is linked to, each a link to its page. */
export function Linked(props: { view: View; company: Company; txn: Entity }) {
  const { view, company } = props;
  const links = (props.txn.LinkedTxn ?? []) as Entity[];
  if (links.length === 0) return null;
  const tabOf: Record<string, string> = { Invoice: "invoices", Payment: "payments", Estimate: "estimates" };
  return (
    <>
      <h2>{view.t("detail.linked")}</h2>
      <ul>
        {links.map((link) => {
          const type = String(link.TxnType);
          const entity = company.get(type as "Invoice", String(link.TxnId));
          return (
            <li>
              {word(view.t, "detail.txnType", type)}{" "}
              <RecordLink
                view={view}
                company={company}
                tab={tabOf[type] ?? "invoices"}
                id={link.TxnId}
                label={entity?.DocNumber ?? link.TxnId}
              />
            </li>
          );
        })}
      </ul>
    </>
  );
}
