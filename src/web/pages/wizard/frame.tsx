import type { Child } from "hono/jsx";
import { EmbedLayout } from "../../embed-layout.tsx";
import type { Locale, Translate } from "../../i18n/index.ts";

/** What every wizard page knows: language, token, where it is, and what went wrong last. */
export interface WizardView {
  t: Translate;
  locale: Locale;
  token: string;
  dealName: string;
  step: { n: number; total: number };
  error?: string;
  errorDetail?: string;
}

export const Token = (props: { token: string }) => <input type="hidden" name="t" value={props.token} />;

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

/** Previous / Next: both submit the form, so whatever was typed is kept either way (I7). */
export function StepButtons(props: { t: Translate; previous: boolean; next?: string }) {
  return (
    <p class="actions">
      {props.previous ? (
        <button type="submit" name="action" value="previous" formnovalidate>
          {props.t("wizard.previous")}
        </button>
      ) : null}{" "}
      <button type="submit" name="action" value="next" class="primary">
        {props.next ?? props.t("wizard.next")}
      </button>
    </p>
  );
}

export function money(locale: Locale, amount: number, currency: string): string {
  return new Intl.NumberFormat(locale === "ja" ? "ja-JP" : "en-US", { style: "currency", currency }).format(
    amount,
  );
}
