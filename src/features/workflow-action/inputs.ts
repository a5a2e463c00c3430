import { actionOutputs } from "../../connectors/hubspot/wire/index.ts";
import { err, ok, type Result } from "../../lib/result.ts";

/**
 * The "Create QuickBooks invoice" action's inputs and failures (W2), without I/O. A failure is a
 * code HubSpot maps to a message in the user's language (the definition's `executionRules`), plus
 * a detail that names the value or record at fault.
 */
export const ACTION_ERRORS = [
  "not_connected",
  "missing_company",
  "unknown_company",
  "bad_send",
  "bad_due_in_days",
  "bad_terms",
  "bad_message",
  "unknown_terms",
  "no_customer",
  "ambiguous_customer",
  "sync_filter",
  "no_lines",
  "unmapped_line",
  "no_tax_code",
  "custom_numbers",
  "no_email",
  "qbo_refused",
  "hubspot_failed",
] as const;
export type ActionErrorCode = (typeof ACTION_ERRORS)[number];

export interface ActionFailure {
  code: ActionErrorCode;
  detail: string;
}

export interface ActionInputs {
  connectionId: string;
  terms?: string;
  dueInDays?: number;
  send: boolean;
  message?: string;
}

/** A workflow never waits more than ten years for a payment; anything larger is a typo. */
const MAX_DUE_DAYS = 3650;
const fail = (code: ActionErrorCode, detail = ""): Result<never, ActionFailure> => err({ code, detail });

/** A value as text: HubSpot sends strings, but a number property (OBJECT_PROPERTY) may come as one. */
function text(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string") return value.trim() || undefined;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

export function parseInputs(raw: Record<string, unknown>): Result<ActionInputs, ActionFailure> {
  const connectionId = text(raw.qbo_company);
  if (!connectionId) return fail("missing_company");
  const send = text(raw.send) ?? "leave_unsent";
  if (send !== "send" && send !== "leave_unsent") return fail("bad_send", send);
  const due = text(raw.due_in_days);
  let dueInDays: number | undefined;
  if (due !== undefined) {
    dueInDays = /^\d{1,4}(\.0+)?$/.test(due) ? Number(due) : Number.NaN;
    if (!Number.isInteger(dueInDays) || dueInDays > MAX_DUE_DAYS) return fail("bad_due_in_days", due);
  }
  const terms = text(raw.terms);
  if (terms && terms.length > 100) return fail("bad_terms", `${terms.slice(0, 40)}…`);
  const message = text(raw.message);
  // QBO's CustomerMemo holds 1000 characters (docs/vendors/quickbooks.md §3.3).
  if (message && message.length > 1000) return fail("bad_message", String(message.length));
  return ok({ connectionId, terms, dueInDays, send: send === "send", message });
}

/** The callback's output fields for a failure (FAIL_CONTINUE: the workflow goes on). */
export function failureOutputs(failure: ActionFailure): Record<string, string> {
  return actionOutputs("FAIL_CONTINUE", { errorCode: failure.code, errorDetail: failure.detail });
}

/** `YYYY-MM-DD` plus whole days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
