import type { Entity } from "../../entities.ts";
import { refValue } from "../../entities.ts";
import type { Company } from "../../store.ts";
import { MAX_LINES, type Form } from "../forms.ts";
import { Shell } from "../layout.tsx";
import { companyPath, type View } from "../view.ts";
import { Options } from "./parts.tsx";

export interface InvoiceFormProps {
  view: View;
  company: Company;
  /** How many line rows to show (no client script adds rows). */
  lines: number;
  /** What was typed, when the form comes back refused. */
  form?: Form;
  alert?: string;
}

const active = (rows: Entity[]) => rows.filter((row) => row.Active !== false);

/** New invoice: customer, lines (item, qty, rate, and a tax code outside the US), terms or due date. */
export function InvoiceFormPage(props: InvoiceFormProps) {
  const { view, company } = props;
  const { t } = view;
  const form = props.form ?? {};
  const customers = active(company.list("Customer"));
  const items = active(company.list("Item")).filter((i) => i.Type !== "Category");
  const terms = active(company.list("Term"));
  const taxCodes = company.settings.country === "US" ? [] : active(company.list("TaxCode"));
  const defaultTerm = refValue(
    ((company.get("Preferences", "1")?.SalesFormsPrefs ?? {}) as Entity).DefaultTerms,
  );
  const rows = Array.from({ length: props.lines }, (_, i) => i + 1);
  return (
    <Shell view={view} title={t("inv.title")} company={company} tab="invoices" alert={props.alert}>
      {customers.length === 0 || items.length === 0 ? <p>{t("inv.noCustomers")}</p> : null}
      <form method="post" action={view.href(companyPath(company, "/invoices"))}>
        <input type="hidden" name="lang" value={view.locale} />
        <section class="panel row">
          <div>
            <label for="customer">{t("form.customer")}</label>
            <select id="customer" name="customer">
              <option value="">{t("form.choose")}</option>
              <Options rows={customers} label={(c) => String(c.DisplayName)} selected={form.customer} />
            </select>
          </div>
          {company.settings.customTxnNumbers ? (
            <div>
              <label for="docNumber">{t("form.docNumber")}</label>
              <input id="docNumber" name="docNumber" maxlength={21} value={form.docNumber ?? ""} />
            </div>
          ) : null}
          <div>
            <label for="term">{t("form.terms")}</label>
            <select id="term" name="term">
              <option value="">{t("form.noTerms")}</option>
              <Options rows={terms} label={(r) => String(r.Name)} selected={form.term ?? defaultTerm} />
            </select>
          </div>
          <div>
            <label for="dueDate">{t("form.dueDate")}</label>
            <input id="dueDate" name="dueDate" type="date" value={form.dueDate ?? ""} />
          </div>
        </section>
        <p class="hint">{t("form.dueHint")}</p>
        <h2>{t("form.lines")}</h2>
        <table>
          <thead>
            <tr>
              <th>#</th>
              <th>{t("form.item")}</th>
              <th class="num">{t("form.qty")}</th>
              <th class="num">{t("form.rate")}</th>
              {taxCodes.length ? <th>{t("form.taxCode")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((n) => (
              <tr>
                <td>{n}</td>
                <td>
                  <select name={`item_${n}`} aria-label={`${t("form.item")} ${n}`}>
                    <option value="">{t("form.choose")}</option>
                    <Options rows={items} label={(i) => String(i.Name)} selected={form[`item_${n}`]} />
                  </select>
                </td>
                <td class="num">
                  <input class="num" name={`qty_${n}`} inputmode="decimal" value={form[`qty_${n}`] ?? ""} />
                </td>
                <td class="num">
                  <input class="num" name={`rate_${n}`} inputmode="decimal" value={form[`rate_${n}`] ?? ""} />
                </td>
                {taxCodes.length ? (
                  <td>
                    <select name={`tax_${n}`}>
                      <option value="">{t("form.choose")}</option>
                      <Options rows={taxCodes} label={(c) => String(c.Name)} selected={form[`tax_${n}`]} />
                    </select>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
        <div class="actions">
          <button type="submit">{t("action.create")}</button>
          {/* A GET of this page with what is typed so far and more rows: no script needed. */}
          <button
            type="submit"
            class="secondary"
            formmethod="get"
            formaction={companyPath(company, "/invoices/new")}
            name="lines"
            value={String(Math.min(props.lines + 3, MAX_LINES))}
          >
            {t("action.moreLines")}
          </button>
        </div>
      </form>
    </Shell>
  );
}
