import type { Child } from "hono/jsx";
import type { Entity } from "../../entities.ts";
import type { Company } from "../../store.ts";
import { word } from "../i18n.ts";
import { Shell, type Tab } from "../layout.tsx";
import { invoiceStatus } from "../status.ts";
import { companyPath, type View } from "../view.ts";
import { currencyOf, Empty, Money, RecordLink, StatusBadge } from "./parts.tsx";

export interface ListProps {
  view: View;
  company: Company;
  today: string;
  notice?: string;
}

/** Newest first, as QBO's lists open. */
const newestFirst = (rows: Entity[]) => [...rows].sort((a, b) => Number(b.Id) - Number(a.Id));

function ListShell(props: ListProps & { tab: Tab; children: Child; actions?: Child }) {
  return (
    <Shell
      view={props.view}
      title={props.view.t(`nav.${props.tab}`)}
      company={props.company}
      tab={props.tab}
      notice={props.notice}
    >
      {props.actions ? <div class="actions">{props.actions}</div> : null}
      {props.children}
    </Shell>
  );
}

export function InvoicesList(props: ListProps) {
  const { view, company } = props;
  const { t } = view;
  const rows = newestFirst(company.list("Invoice"));
  const actions = (
    <>
      <a class="button" href={view.href(companyPath(company, "/invoices/new"))}>
        {t("action.newInvoice")}
      </a>
      <a class="button secondary" href={view.href(companyPath(company, "/payments/new"))}>
        {t("action.receivePayment")}
      </a>
    </>
  );
  return (
    <ListShell {...props} tab="invoices" actions={actions}>
      {rows.length === 0 ? (
        <Empty view={view} />
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t("col.number")}</th>
              <th>{t("col.customer")}</th>
              <th>{t("col.date")}</th>
              <th>{t("col.due")}</th>
              <th class="num">{t("col.total")}</th>
              <th class="num">{t("col.balance")}</th>
              <th>{t("col.emailStatus")}</th>
              <th>{t("col.status")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((inv) => (
              <tr data-invoice={String(inv.Id)}>
                <td>
                  <RecordLink
                    view={view}
                    company={company}
                    tab="invoices"
                    id={inv.Id}
                    label={inv.DocNumber ?? inv.Id}
                  />
                </td>
                <td>{String((inv.CustomerRef as Entity | undefined)?.name ?? "")}</td>
                <td>{String(inv.TxnDate ?? "")}</td>
                <td>{String(inv.DueDate ?? "")}</td>
                <td class="num">
                  <Money view={view} amount={inv.TotalAmt} currency={currencyOf(company, inv)} />
                </td>
                <td class="num">
                  <Money view={view} amount={inv.Balance} currency={currencyOf(company, inv)} />
                </td>
                <td>{word(t, "email", inv.EmailStatus)}</td>
                <td>
                  <StatusBadge view={view} status={invoiceStatus(inv, props.today)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ListShell>
  );
}

export function CustomersList(props: ListProps & { balances: Map<string, number> }) {
  const { view, company } = props;
  const { t } = view;
  const rows = [...company.list("Customer")].sort((a, b) =>
    String(a.DisplayName).localeCompare(String(b.DisplayName)),
  );
  return (
    <ListShell {...props} tab="customers">
      {rows.length === 0 ? (
        <Empty view={view} />
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t("col.name")}</th>
              <th>{t("col.email")}</th>
              <th class="num">{t("col.balance")}</th>
              <th>{t("col.status")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((cu) => (
              <tr>
                <td>
                  <RecordLink
                    view={view}
                    company={company}
                    tab="customers"
                    id={cu.Id}
                    label={cu.DisplayName}
                  />
                </td>
                <td>{String((cu.PrimaryEmailAddr as Entity | undefined)?.Address ?? "")}</td>
                <td class="num">
                  <Money
                    view={view}
                    amount={props.balances.get(String(cu.Id))}
                    currency={currencyOf(company, cu)}
                  />
                </td>
                <td>{cu.Active === false ? t("status.inactive") : t("status.active")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ListShell>
  );
}

export function ItemsList(props: ListProps) {
  const { view, company } = props;
  const { t } = view;
  const rows = [...company.list("Item")].sort((a, b) => String(a.Name).localeCompare(String(b.Name)));
  return (
    <ListShell {...props} tab="items">
      {rows.length === 0 ? (
        <Empty view={view} />
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t("col.name")}</th>
              <th>{t("col.type")}</th>
              <th>{t("col.description")}</th>
              <th class="num">{t("col.price")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((item) => (
              <tr>
                <td>
                  <RecordLink view={view} company={company} tab="items" id={item.Id} label={item.Name} />
                </td>
                <td>{word(t, "itemType", item.Type)}</td>
                <td>{String(item.Description ?? "")}</td>
                <td class="num">
                  <Money view={view} amount={item.UnitPrice} currency={company.settings.homeCurrency} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ListShell>
  );
}

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
