import type { CustomerFields } from "../customer.ts";
import type { QboCustomer } from "../service.ts";
import type { MessageKey } from "../../../../web/i18n/index.ts";
import { StepButtons, Token, WIZARD_ACTION, WizardFrame, type WizardView } from "./frame.tsx";

export type MatchView =
  { kind: "matched"; by: "email" | "name"; name: string } | { kind: "ambiguous" } | { kind: "none" };

export interface CustomerStepProps extends WizardView {
  party?: { label: string };
  match?: MatchView;
  customers: QboCustomer[];
  /** More customers exist than the list shows: searching finds them. */
  truncated: boolean;
  query: string;
  /** A customer id, or "new". */
  chosen?: string;
  newCustomer: CustomerFields;
  /** HubSpot's name, when a customer has it already and the new one gets another. */
  renamedFrom?: string;
}

// Plain text inputs: a browser-validated type="email" would block Next for an existing customer
// whenever HubSpot's address is malformed; the server checks the new customer's fields instead.
const FIELDS: Array<[keyof CustomerFields, MessageKey, "text" | "email" | "tel"]> = [
  ["displayName", "wizard.customer.displayName", "text"],
  ["givenName", "wizard.customer.givenName", "text"],
  ["familyName", "wizard.customer.familyName", "text"],
  ["companyName", "wizard.customer.companyName", "text"],
  ["email", "wizard.customer.email", "email"],
  ["phone", "wizard.customer.phone", "tel"],
];

/**
 * I3: one choice between an existing QuickBooks customer (the match preselected, a searchable
 * list) and a new one prefilled from HubSpot; the stylesheet shows only the chosen one's fields.
 * The search has its own form (forms cannot nest): its field and button join it by `form=`.
 */
export function CustomerStep(props: CustomerStepProps) {
  const { t, newCustomer: n } = props;
  const isNew = props.chosen === "new";
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
      <form method="get" action={`${WIZARD_ACTION}/customer`} id="customer-search">
        <Token token={props.token} draftId={props.draftId} />
      </form>
      <form method="post" action={`${WIZARD_ACTION}/customer`}>
        <Token token={props.token} draftId={props.draftId} />
        <fieldset class="customer-choice">
          <legend>{t("wizard.customer.choose")}</legend>
          <label class="choice">
            <input type="radio" name="kind" value="existing" id="kind-existing" checked={!isNew} />{" "}
            {t("wizard.customer.existing")}
          </label>
          <div class="choice-body" id="existing-customer">
            <p class="filters">
              <label>
                {t("wizard.customer.search")}{" "}
                <input type="search" name="q" id="q" value={props.query} form="customer-search" />
              </label>{" "}
              <button type="submit" form="customer-search">
                {t("wizard.customer.searchButton")}
              </button>
            </p>
            <label>
              {t("wizard.customer.pick")}{" "}
              <select name="customer" id="customer">
                {props.chosen === "" ? <option value="">{t("wizard.customer.pickOne")}</option> : null}
                {props.customers.map((c) => (
                  <option value={c.id} selected={props.chosen === c.id}>
                    {c.displayName}
                    {c.email ? ` <${c.email}>` : ""}
                  </option>
                ))}
              </select>
            </label>
            {props.query && props.customers.length === 0 ? (
              <p class="muted">{t("wizard.customer.noneFound", { q: props.query })}</p>
            ) : null}
            {props.truncated ? <p class="muted">{t("wizard.customer.more")}</p> : null}
          </div>
          <label class="choice">
            <input type="radio" name="kind" value="new" id="kind-new" checked={isNew} />{" "}
            {t("wizard.customer.newChoice")}
          </label>
          <div class="choice-body" id="new-customer">
            <p class="muted">{t("wizard.customer.newHelp")}</p>
            {props.renamedFrom ? (
              <p class="muted">
                {t("wizard.customer.uniqueName", { wanted: props.renamedFrom, name: n.displayName })}
              </p>
            ) : null}
            {FIELDS.map(([name, label, mode]) => (
              <label class="field">
                {t(label)}{" "}
                <input type="text" inputmode={mode} name={`new_${name}`} id={`new_${name}`} value={n[name]} />
              </label>
            ))}
          </div>
        </fieldset>
        <StepButtons t={t} previous={true} />
      </form>
    </WizardFrame>
  );
}
