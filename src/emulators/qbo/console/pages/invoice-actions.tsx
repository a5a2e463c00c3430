import type { Entity } from "../../entities.ts";
import { refValue } from "../../entities.ts";
import { companyPath } from "../view.ts";
import type { InvoicePageProps } from "./invoice.tsx";
import { ActionButton, Options, Target } from "./parts.tsx";

/** What a bookkeeper does with an invoice that is not void: take payment, send, re-term, void or delete. */
export function InvoiceActions(
  props: InvoicePageProps & { base: string; open: boolean; customerId?: string },
) {
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
