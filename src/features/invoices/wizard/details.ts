import type { QboTerm } from "../../../connectors/qbo/lists.ts";
import { isCalendarDate } from "../../../lib/dates.ts";
import { err, ok, type Result } from "../../../lib/result.ts";
import { dueDateFor } from "../terms.ts";
import type { DraftData } from "./draft.ts";

/**
 * The details step without I/O (I6): payment terms, invoice date, due date and the message.
 * The due date follows the term until the user changes the date they were shown; emptying the
 * field makes it follow the term again.
 */
export interface DetailsForm {
  termId: string;
  invoiceDate: string;
  dueDate: string;
  /** The due date the page showed: a posted date equal to it is not an edit. */
  shownDueDate: string;
  message: string;
}

export type Details = Pick<
  DraftData,
  "termId" | "termName" | "invoiceDate" | "dueDate" | "dueDateEdited" | "message"
>;
export type DetailsRefusal = "term" | "date" | "dueBeforeInvoice" | "message";

/** QBO's CustomerMemo limit (docs/vendors/quickbooks.md §3.3). */
export const MESSAGE_MAX = 1000;

/** The due date the terms give an invoice date; without terms, the invoice date itself (I6). */
export function termDueDate(term: QboTerm | undefined, invoiceDate: string): string {
  return term ? dueDateFor(term, invoiceDate) : invoiceDate;
}

/**
 * What the details page's script asks while the user changes the terms or the invoice date (the
 * same rule the step applies on submit, so the script never computes a date itself).
 */
export function followedDueDate(
  query: { termId: string; invoiceDate: string },
  terms: QboTerm[],
  today: string,
): Result<string, "term" | "date"> {
  const termId = query.termId.trim();
  const term = terms.find((x) => x.id === termId);
  if (termId && !term) return err("term");
  const invoiceDate = query.invoiceDate.trim() || today;
  if (!isCalendarDate(invoiceDate)) return err("date");
  return ok(termDueDate(term, invoiceDate));
}

export function decideDetails(
  form: DetailsForm,
  terms: QboTerm[],
  today: string,
  saved: Pick<DraftData, "dueDateEdited">,
): Result<Details, DetailsRefusal> {
  const termId = form.termId.trim();
  const term = terms.find((x) => x.id === termId);
  if (termId && !term) return err("term");
  const invoiceDate = form.invoiceDate.trim() || today;
  const posted = form.dueDate.trim();
  if (!isCalendarDate(invoiceDate) || (posted && !isCalendarDate(posted))) return err("date");
  const message = form.message.replace(/\r\n/g, "\n").trim();
  if (message.length > MESSAGE_MAX) return err("message");
  const edited = posted !== "" && (saved.dueDateEdited || posted !== form.shownDueDate.trim());
  const dueDate = edited ? posted : termDueDate(term, invoiceDate);
  if (dueDate < invoiceDate) return err("dueBeforeInvoice");
  return ok({
    termId: term?.id,
    termName: term?.name,
    invoiceDate,
    dueDate,
    dueDateEdited: edited,
    message: message || undefined,
  });
}
