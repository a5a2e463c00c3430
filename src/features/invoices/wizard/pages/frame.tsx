import type { Child } from "hono/jsx";
import { EmbedLayout } from "../../../../web/embed-layout.tsx";
import type { Locale, Translate } from "../../../../web/i18n/index.ts";

/** Where the wizard's forms post; each step adds `/<step>`. */
export const WIZARD_ACTION = "/embed/invoices/new";

/** What every wizard page knows: language, token, draft, where it is, and what went wrong last. */
export interface WizardView {
  t: Translate;
  locale: Locale;
  token: string;
  draftId: string;
  dealName: string;
  step: { n: number; total: number };
  error?: string;
  errorDetail?: string;
}

/** The embed token (ADR 11: it is also the CSRF defence here) and the draft the form belongs to. */
export const Token = (props: { token: string; draftId: string }) => (
  <>
    <input type="hidden" name="t" value={props.token} />
    <input type="hidden" name="draft" value={props.draftId} />
  </>
);

/** The page around a step: title, deal, progress, the error of the last submit, then the step's form. */
export function WizardFrame(props: WizardView & { heading: string; children: Child }) {
  const { t } = props;
  return (
    <EmbedLayout t={t} locale={props.locale} title={t("wizard.title")}>
      <p class="muted">
        {t("wizard.deal", { name: props.dealName })} · {t("wizard.step", props.step)}
      </p>
      <h2>{props.heading}</h2>
      {props.error ? (
        <div class="banner" role="alert">
          <p>{props.error}</p>
          {props.errorDetail ? <p class="muted">{props.errorDetail}</p> : null}
        </div>
      ) : null}
      {props.children}
    </EmbedLayout>
  );
}

/**
 * Previous / Next: both submit the form, so whatever was typed is kept either way (I7). Next comes
 * first in the form so that Enter in a field means Next; the stylesheet shows Previous on the left.
 */
export function StepButtons(props: { t: Translate; previous: boolean; next?: string }) {
  return (
    <p class="actions steps">
      <button type="submit" name="action" value="next" class="primary">
        {props.next ?? props.t("wizard.next")}
      </button>
      {props.previous ? (
        <button type="submit" name="action" value="previous" formnovalidate>
          {props.t("wizard.previous")}
        </button>
      ) : null}
    </p>
  );
}

export function money(locale: Locale, amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(locale === "ja" ? "ja-JP" : "en-US", { style: "currency", currency }).format(
      amount,
    );
  } catch {
    // A currency code Intl does not know: the number and the code as QBO gave it.
    return `${amount.toFixed(2)} ${currency}`;
  }
}
