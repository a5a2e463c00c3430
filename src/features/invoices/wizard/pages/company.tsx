import { EmbedLayout } from "../../../../web/embed-layout.tsx";
import type { Locale, Translate } from "../../../../web/i18n/index.ts";
import { StepButtons, Token, WIZARD_ACTION, WizardFrame, type WizardView } from "./frame.tsx";

export interface CompanyChoice {
  connectionId: string;
  companyName: string;
  usable: boolean;
  why?: "reconnect" | "numbers";
}

/** I1: the seed's "QuickBooks account" dropdown and Next; unusable companies are shown with why. */
export function CompanyStep(props: WizardView & { companies: CompanyChoice[]; chosen?: string }) {
  const { t } = props;
  return (
    <WizardFrame {...props} heading={t("wizard.company.title")}>
      <form method="post" action={`${WIZARD_ACTION}/company`}>
        <Token token={props.token} draftId={props.draftId} />
        <label>
          {t("wizard.company.pick")}{" "}
          <select name="connectionId" id="connectionId">
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

/**
 * A wizard that cannot go on (no company, a company to reconnect, custom transaction numbers on,
 * I9): what is wrong, what to do about it, and Done to close HubSpot's window.
 */
export function RefusalPage(props: {
  t: Translate;
  locale: Locale;
  title: string;
  lines: string[];
  /** Where the fix is (Connections, to reconnect): opened in a new tab, OAuth pages refuse iframes. */
  action?: { href: string; label: string };
}) {
  const { t } = props;
  return (
    <EmbedLayout t={t} locale={props.locale} title={t("wizard.title")}>
      <div class="banner" role="alert">
        <h2>{props.title}</h2>
        {props.lines.map((line) => (
          <p>{line}</p>
        ))}
      </div>
      <p class="actions">
        {props.action ? (
          <a class="button" href={props.action.href} target="_blank" rel="noopener" data-testid="reconnect">
            {props.action.label}
          </a>
        ) : null}
        <button type="button" data-hubspot-done>
          {t("wizard.done.close")}
        </button>
      </p>
    </EmbedLayout>
  );
}
