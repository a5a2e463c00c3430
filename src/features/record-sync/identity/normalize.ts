/**
 * The one normalisation of names, e-mails, SKUs and phone numbers before they are compared (I3,
 * I4): what a user would call "the same" text. NFKC folds full-width and compatibility characters
 * (common in Japanese data entry), inner runs of whitespace count as one space, the ends are
 * trimmed and case is ignored.
 */
export function norm(text: string | null | undefined): string {
  return (text ?? "").normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}

/** True when both are non-empty and equal once normalised. */
export const sameText = (a: string | null | undefined, b: string | null | undefined): boolean =>
  norm(a) !== "" && norm(a) === norm(b);
