import type { InvoiceStateColumn } from "../../../../db/schema/index.ts";
import type { FoundInvoice, InvoiceSearch } from "../search.ts";
import { EmbedLayout } from "../../../../web/embed-layout.tsx";
import { ResultsForm } from "./results.tsx";
import type { Locale, Translate } from "../../../../web/i18n/index.ts";
import { plural } from "../../../../web/i18n/plural.ts";

const STATES: InvoiceStateColumn[] = ["awaiting_send", "sent", "partially_paid", "paid", "overdue", "voided"];

export interface CompanyChoice {
  connectionId: string;
  companyName: string;
  active: boolean;
}

interface Base {
  t: Translate;
  locale: Locale;
  token: string;
  error?: string;
}

const Token = (props: { token: string }) => <input type="hidden" name="t" value={props.token} />;
const Alert = (props: { error?: string }) =>
  props.error ? (
    <p class="banner" role="alert">
      {props.error}
    </p>
  ) : null;

/** Step 1 when several companies are connected: the seed's "QuickBooks account" dropdown and Next. */
export function PickCompanyPage(props: Base & { companies: CompanyChoice[] }) {
  const { t } = props;
  return (
    <EmbedLayout t={t} locale={props.locale} title={t("addInvoice.title")}>
      <Alert error={props.error} />
      {props.companies.length === 0 ? (
        <p class="notice">{t("addInvoice.noCompany")}</p>
      ) : (
        <form method="get" action="/embed/invoices/add">
          <Token token={props.token} />
          <label>
            {t("addInvoice.pickCompany")}{" "}
            <select name="company" aria-label={t("addInvoice.company")}>
              {props.companies.map((c) => (
                <option value={c.connectionId} disabled={!c.active}>
                  {c.active ? c.companyName : t("addInvoice.unavailable", { name: c.companyName })}
                </option>
              ))}
            </select>
          </label>{" "}
          <button type="submit">{t("addInvoice.continue")}</button>
        </form>
      )}
    </EmbedLayout>
  );
}

/** Step 2: search the company's invoices, tick, Add (E1). */
export function SearchPage(
  props: Base & {
    company: { connectionId: string; companyName: string };
    search: Partial<Record<keyof InvoiceSearch, string>>;
    results?: Array<FoundInvoice & { already: boolean }>;
    limited: boolean;
  },
) {
  const { t } = props;
  return (
    <EmbedLayout t={t} locale={props.locale} title={t("addInvoice.title")}>
      <p>{t("addInvoice.intro")}</p>
      <p>
        {t("addInvoice.company")}: <strong>{props.company.companyName}</strong>
      </p>
      <Alert error={props.error} />
      <SearchForm t={t} token={props.token} connectionId={props.company.connectionId} search={props.search} />
      {props.results ? (
        <ResultsForm
          t={t}
          locale={props.locale}
          token={props.token}
          connectionId={props.company.connectionId}
          results={props.results}
          limited={props.limited}
        />
      ) : null}
    </EmbedLayout>
  );
}

/** The search fields of E1, kept filled in after a search so it can be narrowed. */
function SearchForm(props: {
  t: Translate;
  token: string;
  connectionId: string;
  search: Partial<Record<keyof InvoiceSearch, string>>;
}) {
  const { t, search } = props;
  return (
    <form method="get" action="/embed/invoices/add" class="filters">
      <Token token={props.token} />
      <input type="hidden" name="company" value={props.connectionId} />
      <input type="hidden" name="search" value="1" />
      <label>
        {t("addInvoice.number")} <input name="number" value={search.number ?? ""} size={10} />
      </label>{" "}
      <label>
        {t("addInvoice.customer")} <input name="customer" value={search.customer ?? ""} size={16} />
      </label>{" "}
      <label>
        {t("addInvoice.amount")}{" "}
        <input name="amount" value={search.amount ?? ""} size={8} inputmode="decimal" />
      </label>{" "}
      <label>
        {t("addInvoice.from")} <input type="date" name="from" value={search.from ?? ""} />
      </label>{" "}
      <label>
        {t("addInvoice.to")} <input type="date" name="to" value={search.to ?? ""} />
      </label>{" "}
      <label>
        {t("addInvoice.status")}{" "}
        <select name="status">
          <option value="">{t("addInvoice.anyStatus")}</option>
          {STATES.map((s) => (
            <option value={s} selected={search.status === s}>
              {t(`card.status.${s}`)}
            </option>
          ))}
        </select>
      </label>{" "}
      <button type="submit">{t("addInvoice.search")}</button>
    </form>
  );
}

/** After Add: what happened, and Done (closes HubSpot's modal; the card refreshes). */
export function AddedPage(props: Base & { count: number; already: number }) {
  const { t } = props;
  return (
    <EmbedLayout t={t} locale={props.locale} title={t("addInvoice.title")}>
      <p class="notice" role="status">
        {plural(t, props.locale, "addInvoice.added", props.count)}
      </p>
      {props.already ? (
        <p class="muted">{plural(t, props.locale, "addInvoice.alreadyCount", props.already)}</p>
      ) : null}
      <button type="button" data-hubspot-done>
        {t("addInvoice.done")}
      </button>
    </EmbedLayout>
  );
}
