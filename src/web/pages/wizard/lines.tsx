import type { QboItem, QboTaxCode, QboTerm } from "../../../sync/invoices/wizard-lists.ts";
import type { DraftData } from "../../../sync/invoices/draft.ts";
import { money, StepButtons, Token, WizardFrame, type WizardView } from "./frame.tsx";

const ACTION = "/embed/invoices/new";

/** I4, I5: the lines, each mapped to a QBO product; tax codes per line outside the US. */
export function ProductsStep(
  props: WizardView & {
    lines: DraftData["lines"];
    items: QboItem[];
    addable: QboItem[];
    itemQuery: string;
    taxCodes?: QboTaxCode[];
    showTax: boolean;
    currency: string;
  },
) {
  const { t } = props;
  const tax = props.taxCodes && props.showTax;
  return (
    <WizardFrame {...props} heading={t("wizard.products.title")}>
      <form method="post" action={`${ACTION}/products`}>
        <Token token={props.token} />
        {props.showTax ? <input type="hidden" name="showTax" value="1" /> : null}
        {props.lines.length === 0 ? <p class="muted">{t("wizard.products.none")}</p> : null}
        {props.lines.length ? (
          <table class="ledger lines">
            <thead>
              <tr>
                <th>{t("wizard.products.item")}</th>
                <th>{t("wizard.products.description")}</th>
                <th>{t("wizard.products.quantity")}</th>
                <th>{t("wizard.products.price")}</th>
                <th>{t("wizard.products.amount")}</th>
                {tax ? <th>{t("wizard.products.taxCode")}</th> : null}
                <th>{t("wizard.products.remove")}</th>
              </tr>
            </thead>
            <tbody>
              {props.lines.map((l) => (
                <tr data-line={l.key} data-unmapped={l.itemId ? undefined : "true"}>
                  <td>
                    {l.itemId ? null : (
                      <p class="warning">{t("wizard.products.unmapped", { name: l.hubspotName ?? "" })}</p>
                    )}
                    <select name={`item_${l.key}`} aria-label={t("wizard.products.item")}>
                      <option value="">{t("wizard.products.pickItem")}</option>
                      {props.items.map((i) => (
                        <option value={i.id} selected={i.id === l.itemId}>
                          {i.name}
                          {i.sku ? ` (${i.sku})` : ""}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input name={`desc_${l.key}`} value={l.description ?? ""} />
                  </td>
                  <td>
                    <input name={`qty_${l.key}`} value={String(l.quantity)} size={5} inputmode="decimal" />
                  </td>
                  <td>
                    <input name={`price_${l.key}`} value={String(l.unitPrice)} size={8} inputmode="decimal" />
                  </td>
                  <td>{money(props.locale, l.quantity * l.unitPrice, props.currency)}</td>
                  {tax ? (
                    <td>
                      <select name={`tax_${l.key}`} aria-label={t("wizard.products.taxCode")}>
                        <option value="">{t("wizard.products.pickTax")}</option>
                        {props.taxCodes!.map((c) => (
                          <option value={c.id} selected={c.id === l.taxCodeId}>
                            {c.name}
                          </option>
                        ))}
                      </select>
                    </td>
                  ) : null}
                  <td>
                    <input
                      type="checkbox"
                      name={`remove_${l.key}`}
                      value="1"
                      aria-label={t("wizard.products.remove")}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {props.taxCodes ? (
          <p>
            <span class="muted">{t("wizard.products.taxNeeded")}</span>{" "}
            {props.showTax ? null : (
              <button type="submit" name="action" value="showTax">
                {t("wizard.products.showTax")}
              </button>
            )}
          </p>
        ) : null}
        <fieldset>
          <legend>{t("wizard.products.add")}</legend>
          <label>
            {t("wizard.products.filter")} <input name="itemq" value={props.itemQuery} />
          </label>{" "}
          <button type="submit" name="action" value="filter">
            {t("wizard.products.filterButton")}
          </button>{" "}
          <select name="add_item" aria-label={t("wizard.products.add")}>
            {props.addable.map((i) => (
              <option value={i.id}>
                {i.name} ({money(props.locale, i.unitPrice, props.currency)})
              </option>
            ))}
          </select>{" "}
          <label>
            {t("wizard.products.quantity")} <input name="add_qty" value="1" size={4} inputmode="decimal" />
          </label>{" "}
          <label>
            {t("wizard.products.price")} <input name="add_price" value="" size={8} inputmode="decimal" />
          </label>{" "}
          <button type="submit" name="action" value="add">
            {t("wizard.products.addButton")}
          </button>{" "}
          <button type="submit" name="action" value="save">
            {t("wizard.products.save")}
          </button>
        </fieldset>
        <StepButtons t={t} previous={true} />
      </form>
    </WizardFrame>
  );
}

/** I6: terms, invoice date, due date (follows the term until edited), message to the customer. */
export function DetailsStep(props: WizardView & { data: DraftData; terms: QboTerm[] }) {
  const { t, data } = props;
  return (
    <WizardFrame {...props} heading={t("wizard.details.title")}>
      <form method="post" action={`${ACTION}/details`}>
        <Token token={props.token} />
        <label>
          {t("wizard.details.terms")}{" "}
          <select name="termId">
            <option value="">{t("wizard.details.noTerm")}</option>
            {props.terms.map((term) => (
              <option value={term.id} selected={term.id === data.termId}>
                {term.name}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("wizard.details.invoiceDate")}{" "}
          <input type="date" name="invoiceDate" value={data.invoiceDate ?? ""} />
        </label>{" "}
        <label>
          {t("wizard.details.dueDate")} <input type="date" name="dueDate" value={data.dueDate ?? ""} />
        </label>
        <input type="hidden" name="shownDueDate" value={data.dueDate ?? ""} />
        <p class="muted">{t("wizard.details.dueFollows")}</p>
        <label>
          {t("wizard.details.message")}
          <br />
          <textarea name="message" rows={4} cols={60} maxlength={1000}>
            {data.message ?? ""}
          </textarea>
        </label>
        <p class="muted">{t("wizard.details.messageHelp")}</p>
        <StepButtons t={t} previous={true} />
      </form>
    </WizardFrame>
  );
}
