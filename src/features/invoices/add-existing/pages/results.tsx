import type { FoundInvoice } from "../search.ts";
import type { Locale, Translate } from "../../../../web/i18n/index.ts";

/**
 * "Add existing invoice", the search's answer: one row per invoice with a checkbox, and Add.
 * Invoices already on the record are shown ticked and disabled, so Add never sends them again.
 */
export function ResultsForm(props: {
  t: Translate;
  locale: Locale;
  token: string;
  connectionId: string;
  results: Array<FoundInvoice & { already: boolean }>;
  limited: boolean;
}) {
  const { t } = props;
  const money = (n: number, currency: string) =>
    new Intl.NumberFormat(props.locale === "ja" ? "ja-JP" : "en-US", { style: "currency", currency }).format(
      n,
    );
  return (
    <form method="post" action="/embed/invoices/add">
      <input type="hidden" name="t" value={props.token} />
      <input type="hidden" name="company" value={props.connectionId} />
      <h2>{t("addInvoice.results")}</h2>
      {props.results.length === 0 ? <p>{t("addInvoice.none")}</p> : null}
      {props.limited ? <p class="muted">{t("addInvoice.limit", { count: props.results.length })}</p> : null}
      {props.results.length ? (
        <table class="ledger invoices">
          <thead>
            <tr>
              <th />
              <th>{t("addInvoice.number")}</th>
              <th>{t("addInvoice.customer")}</th>
              <th>{t("addInvoice.date")}</th>
              <th>{t("addInvoice.dueDate")}</th>
              <th>{t("addInvoice.amount")}</th>
              <th>{t("addInvoice.status")}</th>
            </tr>
          </thead>
          <tbody>
            {props.results.map((r) => (
              <tr data-state={r.state}>
                <td>
                  {r.already ? (
                    <label class="muted">
                      <input type="checkbox" checked disabled /> {t("addInvoice.already")}
                    </label>
                  ) : (
                    <input
                      type="checkbox"
                      name="invoice"
                      value={r.id}
                      aria-label={t("addInvoice.select", { number: r.docNumber ?? r.id })}
                    />
                  )}
                </td>
                <td>{r.docNumber ?? r.id}</td>
                <td>{r.customerName}</td>
                <td>{r.txnDate ?? ""}</td>
                <td>{r.dueDate ?? ""}</td>
                <td>{money(r.totalAmt, r.currency)}</td>
                <td>{t(`card.status.${r.state}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {props.results.some((r) => !r.already) ? <button type="submit">{t("addInvoice.add")}</button> : null}
    </form>
  );
}
