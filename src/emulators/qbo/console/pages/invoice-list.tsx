import type { Entity } from "../../entities.ts";
import { word } from "../i18n.ts";
import { invoiceStatus } from "../status.ts";
import { companyPath } from "../view.ts";
import { ListShell, newestFirst, type ListProps } from "./list-shell.tsx";
import { currencyOf, Empty, Money, RecordLink, StatusBadge } from "./parts.tsx";

/** The invoices of a company, newest first, with their status. */
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
