import type { DraftData } from "../draft.ts";
import type { QboTerm } from "../service.ts";
import { StepButtons, Token, WIZARD_ACTION, WizardFrame, type WizardView } from "./frame.tsx";

/**
 * I6: payment terms, invoice date, due date (it follows the term until edited), and the message
 * printed on the invoice. The embed script (web/assets/embed.js) updates the due date as soon as
 * the terms or the invoice date change, asking `due-date`; without it, "Update due date" posts the
 * form and the step shows the term's date without leaving the step.
 */
export function DetailsStep(props: WizardView & { data: DraftData; terms: QboTerm[] }) {
  const { t, data } = props;
  return (
    <WizardFrame {...props} heading={t("wizard.details.title")}>
      <form
        method="post"
        action={`${WIZARD_ACTION}/details`}
        data-due-date-url={`${WIZARD_ACTION}/due-date?${new URLSearchParams({ t: props.token, draft: props.draftId }).toString()}`}
      >
        <Token token={props.token} draftId={props.draftId} />
        <input type="hidden" name="shownDueDate" value={data.dueDate ?? ""} />
        <p>
          <label>
            {t("wizard.details.terms")}{" "}
            <select name="termId" id="termId">
              <option value="">{t("wizard.details.noTerm")}</option>
              {props.terms.map((term) => (
                <option value={term.id} selected={term.id === data.termId}>
                  {term.name}
                </option>
              ))}
            </select>
          </label>
        </p>
        <p>
          <label>
            {t("wizard.details.invoiceDate")}{" "}
            <input type="date" name="invoiceDate" id="invoiceDate" value={data.invoiceDate ?? ""} />
          </label>{" "}
          <label>
            {t("wizard.details.dueDate")}{" "}
            <input type="date" name="dueDate" id="dueDate" value={data.dueDate ?? ""} />
          </label>{" "}
          <button type="submit" name="action" value="refresh" data-no-script>
            {t("wizard.details.update")}
          </button>
        </p>
        <p class="muted" data-due={data.dueDateEdited ? "edited" : "follows-term"}>
          {data.dueDateEdited ? t("wizard.details.dueEdited") : t("wizard.details.dueFollows")}
        </p>
        <fieldset>
          <legend>{t("wizard.details.message")}</legend>
          <textarea
            name="message"
            id="message"
            rows={4}
            cols={60}
            maxlength={1000}
            aria-label={t("wizard.details.message")}
          >
            {data.message ?? ""}
          </textarea>
          <p class="muted">{t("wizard.details.messageHelp")}</p>
        </fieldset>
        <StepButtons t={t} previous={true} />
      </form>
    </WizardFrame>
  );
}
