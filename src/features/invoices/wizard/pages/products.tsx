import type { DraftData } from "../draft.ts";
import type { QboItem, QboTaxCode } from "../service.ts";
import { money, StepButtons, Token, WIZARD_ACTION, WizardFrame, type WizardView } from "./frame.tsx";

export interface ProductsStepProps extends WizardView {
  lines: DraftData["lines"];
  /** Every product a line can be mapped to. */
  items: QboItem[];
  /** What "Add products from QuickBooks" offers (the search's result). */
  addable: QboItem[];
  itemQuery: string;
  /** Outside the US only: the company's active tax codes (I5). */
  taxCodes?: QboTaxCode[];
  showTax: boolean;
  currency: string;
}

/** I4, I5: the lines, each mapped to a QBO product, and outside the US a tax code per line. */
export function ProductsStep(props: ProductsStepProps) {
  const { t } = props;
  const tax = props.taxCodes && props.showTax;
  return (
    <WizardFrame {...props} heading={t("wizard.products.title")}>
      <form method="post" action={`${WIZARD_ACTION}/products`}>
        <Token token={props.token} draftId={props.draftId} />
        {props.showTax ? <input type="hidden" name="showTax" value="1" /> : null}
        {props.lines.length === 0 ? <p class="muted">{t("wizard.products.none")}</p> : null}
        {props.lines.length ? (
          <table class="ledger lines editable">
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
                <LineRow {...props} line={l} tax={!!tax} />
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
        <AddProducts {...props} />
        <StepButtons t={t} previous={true} />
      </form>
    </WizardFrame>
  );
}

function LineRow(props: ProductsStepProps & { line: DraftData["lines"][number]; tax: boolean }) {
  const { t, line: l } = props;
  const name = (field: string) => `${field}_${l.key}`;
  return (
    <tr data-line={l.key} data-unmapped={l.itemId ? undefined : "true"}>
      <td data-label={t("wizard.products.item")}>
        {l.itemId ? null : (
          <p class="warning">{t("wizard.products.unmapped", { name: l.hubspotName ?? "" })}</p>
        )}
        <select name={name("item")} id={name("item")} aria-label={t("wizard.products.item")}>
          <option value="">{t("wizard.products.pickItem")}</option>
          {props.items.map((i) => (
            <option value={i.id} selected={i.id === l.itemId}>
              {i.name}
              {i.sku ? ` (${i.sku})` : ""}
            </option>
          ))}
        </select>
      </td>
      <td data-label={t("wizard.products.description")}>
        <input
          name={name("desc")}
          id={name("desc")}
          value={l.description ?? ""}
          aria-label={t("wizard.products.description")}
        />
      </td>
      <td data-label={t("wizard.products.quantity")}>
        <input
          name={name("qty")}
          id={name("qty")}
          value={String(l.quantity)}
          size={5}
          inputmode="decimal"
          aria-label={t("wizard.products.quantity")}
        />
      </td>
      <td data-label={t("wizard.products.price")}>
        <input
          name={name("price")}
          id={name("price")}
          value={String(l.unitPrice)}
          size={8}
          inputmode="decimal"
          aria-label={t("wizard.products.price")}
        />
      </td>
      <td data-label={t("wizard.products.amount")}>
        {money(props.locale, l.quantity * l.unitPrice, props.currency)}
      </td>
      {props.tax ? (
        <td data-label={t("wizard.products.taxCode")}>
          <select name={name("tax")} id={name("tax")} aria-label={t("wizard.products.taxCode")}>
            <option value="">{t("wizard.products.pickTax")}</option>
            {props.taxCodes!.map((c) => (
              <option value={c.id} selected={c.id === l.taxCodeId}>
                {c.name}
              </option>
            ))}
          </select>
        </td>
      ) : null}
      <td data-label={t("wizard.products.remove")}>
        <input
          type="checkbox"
          name={name("remove")}
          id={name("remove")}
          value="1"
          aria-label={t("wizard.products.remove")}
        />
      </td>
    </tr>
  );
}

/** The seed's "Add products from QuickBooks": search by name, pick, quantity and rate, Add. */
function AddProducts(props: ProductsStepProps) {
  const { t } = props;
  return (
    <fieldset id="add-products">
      <legend>{t("wizard.products.add")}</legend>
      <label>
        {t("wizard.products.filter")} <input type="search" name="itemq" id="itemq" value={props.itemQuery} />
      </label>{" "}
      <button type="submit" name="action" value="filter">
        {t("wizard.products.filterButton")}
      </button>
      {props.itemQuery && props.addable.length === 0 ? (
        <p class="muted">{t("wizard.products.noneFound", { q: props.itemQuery })}</p>
      ) : null}
      <p>
        <select name="add_item" id="add_item" aria-label={t("wizard.products.add")}>
          {props.addable.map((i) => (
            <option value={i.id}>
              {i.name} ({money(props.locale, i.unitPrice, props.currency)})
            </option>
          ))}
        </select>{" "}
        <label>
          {t("wizard.products.quantity")}{" "}
          <input name="add_qty" id="add_qty" value="1" size={4} inputmode="decimal" />
        </label>{" "}
        <label>
          {t("wizard.products.price")}{" "}
          <input
            name="add_price"
            id="add_price"
            value=""
            size={8}
            inputmode="decimal"
            placeholder={t("wizard.products.pricePlaceholder")}
          />
        </label>{" "}
        <button type="submit" name="action" value="add">
          {t("wizard.products.addButton")}
        </button>{" "}
        <button type="submit" name="action" value="save">
          {t("wizard.products.save")}
        </button>
      </p>
    </fieldset>
  );
}
