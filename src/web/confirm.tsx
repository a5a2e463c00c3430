import { CsrfField } from "./layout.tsx";

/** The form field a destructive POST must carry; without it the route changes nothing. */
export const CONFIRM_FIELD = "confirm";
export const CONFIRM_VALUE = "yes";

/** Whether a destructive request was confirmed (the confirm step's hidden field). */
export function confirmed(form: FormData | Record<string, unknown>): boolean {
  const value = form instanceof FormData ? form.get(CONFIRM_FIELD) : form[CONFIRM_FIELD];
  return value === CONFIRM_VALUE;
}

/**
 * A destructive action behind a confirm step that works without JavaScript: the red summary opens
 * a box saying what will happen, and only its button posts (with the confirm field). A request
 * without that field is refused by the route, so a stray POST changes nothing.
 */
export function ConfirmAction(props: {
  action: string;
  csrfToken: string;
  /** The summary that opens the box, e.g. "Delete…". */
  label: string;
  /** What will happen, in the page's language. */
  question: string;
  /** The button that does it, e.g. "Yes, delete this mapping". */
  confirmLabel: string;
}) {
  return (
    <details class="confirm">
      <summary>{props.label}</summary>
      <div class="confirm-body" role="group" aria-label={props.label}>
        <p>{props.question}</p>
        <form method="post" action={props.action}>
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name={CONFIRM_FIELD} value={CONFIRM_VALUE} />
          <button type="submit" class="danger">
            {props.confirmLabel}
          </button>
        </form>
      </div>
    </details>
  );
}
