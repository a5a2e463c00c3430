import { decodeDraftError } from "../push-errors.ts";
import type { Translate } from "../../../web/i18n/index.ts";

/**
 * Why the last "Create invoice" failed, in the user's language (I10), with QuickBooks' own words
 * after it when it gave any. Undefined when the draft has no error.
 */
export function draftErrorText(
  t: Translate,
  stored: string | null,
): { message: string; detail?: string } | undefined {
  const error = decodeDraftError(stored);
  if (!error) return undefined;
  const message = t(`invoiceError.${error.code}`, { detail: error.detail });
  const showDetail = error.detail && error.code !== "incomplete" && error.code !== "custom_numbers";
  return { message, detail: showDetail ? t("invoiceError.detail", { detail: error.detail }) : undefined };
}
