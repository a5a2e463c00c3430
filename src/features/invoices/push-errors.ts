import type { VendorError } from "../../connectors/http-client.ts";

/**
 * Why creating an invoice failed, as the wizard shows it (I10: "in plain words", the draft kept).
 * Stored as JSON in `invoice_drafts.error`; `code` picks a sentence in the user's language
 * (`invoiceError.<code>` in web/i18n), `detail` is QBO's own message for the curious.
 */
export type DraftErrorCode =
  | "validation"
  | "closed_period"
  | "inactive"
  | "duplicate"
  | "custom_numbers"
  | "incomplete"
  | "reconnect"
  | "other";

export interface DraftError {
  code: DraftErrorCode;
  detail: string;
}

export function draftErrorFrom(error: VendorError): DraftError {
  const code = Number(error.code);
  // 6210 "Account Period Closed" (docs/vendors/quickbooks.md §9): the books are closed for that date.
  if (code === 6210 && error.kind !== "duplicate") return { code: "closed_period", detail: error.message };
  // 610 "Object Not Found: something you're trying to use has been made inactive".
  if (code === 610 || error.kind === "not_found") return { code: "inactive", detail: error.message };
  if (error.kind === "duplicate") return { code: "duplicate", detail: error.message };
  if (error.kind === "validation") return { code: "validation", detail: error.message };
  if (error.kind === "auth" || error.kind === "forbidden")
    return { code: "reconnect", detail: error.message };
  return { code: "other", detail: error.message };
}

export function encodeDraftError(e: DraftError): string {
  return JSON.stringify(e);
}

/** Reads what `encodeDraftError` stored; anything else is shown as an unexplained failure. */
export function decodeDraftError(stored: string | null): DraftError | undefined {
  if (!stored) return undefined;
  try {
    const parsed = JSON.parse(stored) as Partial<DraftError>;
    if (typeof parsed.code === "string") return { code: parsed.code, detail: String(parsed.detail ?? "") };
  } catch {
    // fall through
  }
  return { code: "other", detail: stored };
}
