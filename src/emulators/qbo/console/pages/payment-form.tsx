import type { Entity } from "../../entities.ts";
import type { Company } from "../../store.ts";
import type { Form } from "../forms.ts";
import { Shell } from "../layout.tsx";
import { companyPath, type View } from "../view.ts";
import { currencyOf, Money, Options } from "./parts.tsx";

export interface PaymentFormProps {
  view: View;
  company: Company;
  customer?: Entity;
  /** The customer's open invoices. */
  invoices: Entity[];
  /** An invoice to fill with its whole balance (coming from its page). */
  invoiceId?: string;
  form?: Form;
  alert?: string;
}

/**
 * Receive payment in two steps without client script: choose the customer (a GET form), then enter
 * an amount against any of their open invoices — in full or in part.
 */
export function PaymentFormPage(props: PaymentFormProps) {
  const { view, company, customer } = props;
  const { t } = view;
  const customers = company.list("Customer").filter((c) => c.Active !== false);
  const newPath = companyPath(company, "/payments/new");
  return (
    <Shell view={view} title={t("pay.title")} company={company} tab="payments" alert={props.alert}>
      <form method="get" action={newPath} class="panel row">
        <input type="hidden" name="lang" value={view.locale} />
        <div>
          <label for="customer-pick">{t("form.customer")}</label>
          <select id="customer-pick" name="customer">
            <option value="">{t("form.choose")}</option>
            <Options
              rows={customers}
              label={(c) => String(c.DisplayName)}
              selected={customer ? String(customer.Id) : undefined}
            />
          </select>
        </div>
        <button type="submit" class="secondary">
          {t("action.choose")}
        </button>
      </form>
      {!customer ? <p>{t("pay.chooseCustomer")}</p> : null}
      {customer && props.invoices.length === 0 ? <p>{t("pay.noOpen")}</p> : null}
      {customer && props.invoices.length > 0 ? (
        <form method="post" action={view.href(companyPath(company, "/payments"))}>
          <input type="hidden" name="customer" value={String(customer.Id)} />
          <h2>{t("detail.openInvoices")}</h2>
          <p class="hint">{t("pay.hint")}</p>
          <table>
            <thead>
              <tr>
                <th>{t("col.number")}</th>
                <th>{t("col.due")}</th>
                <th class="num">{t("col.total")}</th>
                <th class="num">{t("col.balance")}</th>
                <th class="num">{t("pay.received")}</th>
              </tr>
            </thead>
            <tbody>
              {props.invoices.map((inv) => {
                const id = String(inv.Id);
                const name = `amount_${id}`;
                const preset = props.invoiceId === id ? String(inv.Balance) : "";
                return (
                  <tr data-invoice={id}>
                    <td>{String(inv.DocNumber ?? id)}</td>
                    <td>{String(inv.DueDate ?? "")}</td>
                    <td class="num">
                      <Money view={view} amount={inv.TotalAmt} currency={currencyOf(company, inv)} />
                    </td>
                    <td class="num">
                      <Money view={view} amount={inv.Balance} currency={currencyOf(company, inv)} />
                    </td>
                    <td class="num">
                      <input
                        class="num"
                        name={name}
                        inputmode="decimal"
                        aria-label={`${t("pay.received")} ${String(inv.DocNumber ?? id)}`}
                        value={props.form?.[name] ?? preset}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div class="actions">
            <button type="submit">{t("action.record")}</button>
          </div>
        </form>
      ) : null}
    </Shell>
  );
}
