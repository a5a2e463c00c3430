import type { QboCustomer } from "../../../sync/invoices/wizard-lists.ts";
import type { DraftData } from "../../../sync/invoices/draft.ts";
import type { QuoteState } from "../../../sync/invoices/wizard-rules.ts";
import { EmbedLayout } from "../../embed-layout.tsx";
import { StepButtons, Token, WizardFrame, type WizardView } from "./frame.tsx";

const ACTION = "/embed/invoices/new";

/** I1: the seed's "QuickBooks account" dropdown; unusable companies are shown with why. */
export function CompanyStep(
  props: WizardView & {
    companies: Array<{
      connectionId: string;
      companyName: string;
      usable: boolean;
      why?: "reconnect" | "numbers";
    }>;
    chosen?: string;
  },
) {
  const { t } = props;
  return (
    <WizardFrame {...props} heading={t("wizard.company.title")}>
      <form method="post" action={`${ACTION}/company`}>
        <Token token={props.token} />
        <label>
          {t("wizard.company.pick")}{" "}
          <select name="connectionId" aria-label={t("wizard.company.title")}>
            {props.companies.map((c) => (
              <option value={c.connectionId} disabled={!c.usable} selected={c.connectionId === props.chosen}>
                {c.why ? t(`wizard.company.${c.why}`, { name: c.companyName }) : c.companyName}
              </option>
            ))}
          </select>
        </label>
        <StepButtons t={t} previous={false} />
      </form>
    </WizardFrame>
  );
}

/** I9: refused before the first step, with how to turn the setting off in QuickBooks. */
export function NumbersRefusal(props: {
  t: WizardView["t"];
  locale: WizardView["locale"];
  companyName: string;
}) {
  const { t } = props;
  return (
    <EmbedLayout t={t} locale={props.locale} title={t("wizard.title")}>
      <div class="banner" role="alert">
        <h2>{t("wizard.numbers.title")}</h2>
        <p>{t("wizard.numbers.body", { name: props.companyName })}</p>
        <p>{t("wizard.numbers.howto")}</p>
      </div>
      <button type="button" data-hubspot-done>
        {t("wizard.done.close")}
      </button>
    </EmbedLayout>
  );
}

export interface QuoteChoice {
  id: string;
  title: string;
  amount: string;
  state: QuoteState;
}

/** I2: from a quote (only published, unexpired ones) or from scratch. */
export function SourceStep(
  props: WizardView & { quotes: QuoteChoice[]; source?: DraftData["source"]; previous: boolean },
) {
  const { t } = props;
  const chosen =
    props.source?.kind === "quote" ? `quote:${props.source.quoteId}` : props.source ? "scratch" : "";
  const why = (s: QuoteState) =>
    s.usable ? "" : ` — ${t(`wizard.source.why.${s.reason}`, { date: "on" in s ? (s.on ?? "") : "" })}`;
  return (
    <WizardFrame {...props} heading={t("wizard.source.title")}>
      <form method="post" action={`${ACTION}/source`}>
        <Token token={props.token} />
        <fieldset>
          <legend>{t("wizard.source.quote")}</legend>
          {props.quotes.length === 0 ? <p class="muted">{t("wizard.source.noQuotes")}</p> : null}
          {props.quotes.map((q) => (
            <label class="choice">
              <input
                type="radio"
                name="source"
                value={`quote:${q.id}`}
                disabled={!q.state.usable}
                checked={chosen === `quote:${q.id}`}
              />{" "}
              {t("wizard.source.quoteLine", { title: q.title, amount: q.amount })}
              <span class="muted">{why(q.state)}</span>
            </label>
          ))}
          <p class="muted">{t("wizard.source.onlyPublished")}</p>
        </fieldset>
        <label class="choice">
          <input type="radio" name="source" value="scratch" checked={chosen === "scratch"} />{" "}
          {t("wizard.source.scratch")}
        </label>
        <StepButtons t={t} previous={props.previous} />
      </form>
    </WizardFrame>
  );
}

export interface CustomerStepProps extends WizardView {
  party?: { label: string };
  match?: { kind: "matched"; by: "email" | "name"; name: string } | { kind: "ambiguous" } | { kind: "none" };
  customers: QboCustomer[];
  query: string;
  chosen?: string;
  newCustomer: {
    displayName: string;
    givenName: string;
    familyName: string;
    companyName: string;
    email: string;
    phone: string;
  };
  uniqueName?: { wanted: string; name: string };
}

/** I3: the match, changeable; a searchable list; or a new customer prefilled from HubSpot. */
export function CustomerStep(props: CustomerStepProps) {
  const { t, newCustomer: n } = props;
  const field = (name: keyof CustomerStepProps["newCustomer"], label: string) => (
    <label>
      {t(label as Parameters<typeof t>[0])} <input name={`new_${name}`} value={n[name]} />
    </label>
  );
  return (
    <WizardFrame {...props} heading={t("wizard.customer.title")}>
      <p>
        {props.party ? t("wizard.customer.from", { label: props.party.label }) : t("wizard.customer.noParty")}
      </p>
      {props.match?.kind === "matched" ? (
        <p class="notice">{t(`wizard.customer.matched.${props.match.by}`, { name: props.match.name })}</p>
      ) : props.match ? (
        <p class="notice">{t(`wizard.customer.${props.match.kind}`)}</p>
      ) : null}
      <form method="get" action={`${ACTION}/customer`} class="filters">
        <Token token={props.token} />
        <label>
          {t("wizard.customer.search")} <input name="q" value={props.query} />
        </label>{" "}
        <button type="submit">{t("wizard.customer.searchButton")}</button>
      </form>
      <form method="post" action={`${ACTION}/customer`}>
        <Token token={props.token} />
        <label>
          {t("wizard.customer.pick")}{" "}
          <select name="customer" aria-label={t("wizard.customer.pick")}>
            {props.customers.map((c) => (
              <option value={c.id} selected={props.chosen === c.id}>
                {c.displayName}
                {c.email ? ` <${c.email}>` : ""}
              </option>
            ))}
            <option value="new" selected={props.chosen === "new"}>
              {t("wizard.customer.new")}
            </option>
          </select>
        </label>
        <fieldset>
          <legend>{t("wizard.customer.new")}</legend>
          {props.uniqueName ? <p class="muted">{t("wizard.customer.uniqueName", props.uniqueName)}</p> : null}
          {field("displayName", "wizard.customer.displayName")}{" "}
          {field("givenName", "wizard.customer.givenName")}{" "}
          {field("familyName", "wizard.customer.familyName")}{" "}
          {field("companyName", "wizard.customer.companyName")} {field("email", "wizard.customer.email")}{" "}
          {field("phone", "wizard.customer.phone")}
        </fieldset>
        <StepButtons t={t} previous={true} />
      </form>
    </WizardFrame>
  );
}
