import type { DraftData } from "../draft.ts";
import type { QuoteState } from "../rules.ts";
import type { QuoteChoice } from "../service.ts";
import { money, StepButtons, Token, WIZARD_ACTION, WizardFrame, type WizardView } from "./frame.tsx";

/** I2: "Create from quote" (published, unexpired quotes only; the others listed with why) or "from scratch". */
export function SourceStep(
  props: WizardView & { quotes: QuoteChoice[]; source?: DraftData["source"]; previous: boolean },
) {
  const { t } = props;
  const chosen =
    props.source?.kind === "quote" ? `quote:${props.source.quoteId}` : props.source ? "scratch" : "";
  const why = (s: QuoteState) =>
    s.usable ? null : (
      <span class="muted" data-unusable={s.reason}>
        {" "}
        — {t(`wizard.source.why.${s.reason}`, { date: s.on ?? "" })}
      </span>
    );
  return (
    <WizardFrame {...props} heading={t("wizard.source.title")}>
      <form method="post" action={`${WIZARD_ACTION}/source`}>
        <Token token={props.token} draftId={props.draftId} />
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
              {t("wizard.source.quoteLine", {
                title: q.title,
                amount: money(props.locale, q.amount, q.currency),
              })}
              {why(q.state)}
            </label>
          ))}
          <p class="muted">{t("wizard.source.onlyPublished")}</p>
        </fieldset>
        <fieldset>
          <legend>{t("wizard.source.scratch")}</legend>
          <label class="choice">
            <input type="radio" name="source" value="scratch" checked={chosen === "scratch"} />{" "}
            {t("wizard.source.scratch")}
          </label>
        </fieldset>
        <StepButtons t={t} previous={props.previous} />
      </form>
    </WizardFrame>
  );
}
