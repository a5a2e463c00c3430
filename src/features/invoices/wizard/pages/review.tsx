import type { DraftData } from "../draft.ts";
import { EmbedLayout } from "../../../../web/embed-layout.tsx";
import type { Locale, Translate } from "../../../../web/i18n/index.ts";
import { money, StepButtons, Token, WIZARD_ACTION, WizardFrame, type WizardView } from "./frame.tsx";

/** I7: everything at once; Previous keeps it all, "Create invoice" submits once. */
export function ReviewStep(
  props: WizardView & {
    data: DraftData;
    companyName: string;
    sourceLabel: string;
    currency: string;
    taxCodeNames: Record<string, string>;
    us: boolean;
    /** Why the deal's invoice properties will not follow this invoice (S4), when they will not. */
    currencyNotice?: string;
  },
) {
  const { t, data } = props;
  const customer =
    data.customer?.kind === "new"
      ? t("wizard.review.newCustomer", { name: data.customer.displayName })
      : (data.customer?.displayName ?? "");
  const total = data.lines.reduce((sum, l) => sum + Math.round(l.quantity * l.unitPrice * 100) / 100, 0);
  return (
    <WizardFrame {...props} heading={t("wizard.review.title")}>
      <dl class="properties review">
        <dt>{t("wizard.review.company")}</dt>
        <dd data-review="company">{props.companyName}</dd>
        <dt>{t("wizard.review.source")}</dt>
        <dd data-review="source">{props.sourceLabel}</dd>
        <dt>{t("wizard.review.customer")}</dt>
        <dd data-review="customer">{customer}</dd>
        <dt>{t("wizard.details.terms")}</dt>
        <dd data-review="terms">{data.termName ?? t("wizard.details.noTerm")}</dd>
        <dt>{t("wizard.details.invoiceDate")}</dt>
        <dd data-review="invoiceDate">{data.invoiceDate ?? ""}</dd>
        <dt>{t("wizard.details.dueDate")}</dt>
        <dd data-review="dueDate">{data.dueDate ?? ""}</dd>
        <dt>{t("wizard.details.message")}</dt>
        <dd data-review="message" class="message">
          {data.message ?? ""}
        </dd>
      </dl>
      <table class="ledger lines">
        <thead>
          <tr>
            <th>{t("wizard.products.item")}</th>
            <th>{t("wizard.products.description")}</th>
            <th>{t("wizard.products.quantity")}</th>
            <th>{t("wizard.products.price")}</th>
            <th>{t("wizard.products.amount")}</th>
            {props.us ? null : <th>{t("wizard.products.taxCode")}</th>}
          </tr>
        </thead>
        <tbody>
          {data.lines.map((l) => (
            <tr data-line={l.key}>
              <td>{l.itemName ?? ""}</td>
              <td>{l.description ?? ""}</td>
              <td>{String(l.quantity)}</td>
              <td>{money(props.locale, l.unitPrice, props.currency)}</td>
              <td>{money(props.locale, l.quantity * l.unitPrice, props.currency)}</td>
              {props.us ? null : <td>{props.taxCodeNames[l.taxCodeId ?? ""] ?? ""}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {t("wizard.review.total")}:{" "}
        <strong data-review="total">{money(props.locale, total, props.currency)}</strong>{" "}
        <span class="muted">{t("wizard.review.taxNote")}</span>
      </p>
      <p class="muted">{t("wizard.review.unsent")}</p>
      <CurrencyNotice text={props.currencyNotice} />
      <form method="post" action={`${WIZARD_ACTION}/review`}>
        <Token token={props.token} draftId={props.draftId} />
        <StepButtons t={t} previous={true} next={t("wizard.create")} />
      </form>
    </WizardFrame>
  );
}

/** S4 told: the deal's properties stay as they are, and why (the review and the last page). */
function CurrencyNotice(props: { text?: string }) {
  return props.text ? (
    <p class="notice currency-notice" role="note" data-currency-notice>
      {props.text}
    </p>
  ) : null;
}

/** While the worker creates it: the page asks again every second (a meta refresh, no script). */
export function ProgressPage(props: { t: Translate; locale: Locale; statusUrl: string }) {
  const { t } = props;
  return (
    <EmbedLayout
      t={t}
      locale={props.locale}
      title={t("wizard.title")}
      head={<meta http-equiv="refresh" content={`1; url=${props.statusUrl}`} />}
    >
      <p role="status">{t("wizard.progress.title")}</p>
      <p class="muted">{t("wizard.progress.body")}</p>
    </EmbedLayout>
  );
}

/** I8: created, not sent; the number previews the PDF; Done closes HubSpot's modal. */
export function DonePage(props: {
  t: Translate;
  locale: Locale;
  token: string;
  draftId: string;
  number: string;
  company: string;
  previewUrl?: string;
  /** The status the deal shows for it (S1, as stored at creation). */
  status?: string;
  currencyNotice?: string;
}) {
  const { t } = props;
  return (
    <EmbedLayout t={t} locale={props.locale} title={t("wizard.done.title")}>
      <p class="notice" role="status">
        {t("wizard.done.body", { number: props.number, company: props.company })}
      </p>
      {props.status ? <p data-done-status>{props.status}</p> : null}
      <CurrencyNotice text={props.currencyNotice} />
      {props.previewUrl ? (
        <p>
          <a href={props.previewUrl} target="_blank" rel="noopener">
            {t("wizard.done.preview", { number: props.number })}
          </a>
        </p>
      ) : null}
      <div class="actions">
        <button type="button" class="primary" data-hubspot-done>
          {t("wizard.done.close")}
        </button>
        <form method="post" action={`${WIZARD_ACTION}/restart`} class="inline">
          <Token token={props.token} draftId={props.draftId} />
          <button type="submit">{t("wizard.done.another")}</button>
        </form>
      </div>
    </EmbedLayout>
  );
}
