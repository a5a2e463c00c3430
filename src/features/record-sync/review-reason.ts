import type { Vendor } from "./engine/side.ts";
import type { IdentityField, MatchKey } from "./identity/index.ts";

/**
 * Why a record went to review, as data, so the review list can say it in the user's language and
 * name what is involved: which key matched (and the record's values for it), the record's e-mail,
 * and whether several records fit, the one fit contradicts the e-mail, or the fit is linked to
 * another record. Stored as JSON in `review_items.reason` (a text column: no migration); an
 * older free-text reason is shown as it is.
 */
export interface ReviewReason {
  v: 1;
  why: "several" | "contradicts" | "linked_elsewhere";
  /** The match key's name: "email", "name and company", "phone", "SKU", "name", "key". */
  by: string;
  /** The record's own values for that key. */
  fields: Array<[IdentityField, string]>;
  /** The record's e-mail, when it has one. */
  email?: string;
  /** The side the candidates are on. */
  target: Vendor;
}

export function reviewReason(input: {
  by: string;
  keys: MatchKey[];
  email?: string;
  target: Vendor;
  candidates: number;
  linkedElsewhere: boolean;
}): string {
  const reason: ReviewReason = {
    v: 1,
    why: input.linkedElsewhere ? "linked_elsewhere" : input.candidates > 1 ? "several" : "contradicts",
    by: input.by,
    fields: input.keys.find((k) => k.by === input.by)?.parts ?? [],
    ...(input.email ? { email: input.email } : {}),
    target: input.target,
  };
  return JSON.stringify(reason);
}

/** The stored reason as data, or undefined for an older free-text one. */
export function parseReviewReason(text: string): ReviewReason | undefined {
  if (!text.startsWith("{")) return undefined;
  try {
    const value = JSON.parse(text) as Partial<ReviewReason>;
    return value.v === 1 && typeof value.why === "string" && Array.isArray(value.fields)
      ? (value as ReviewReason)
      : undefined;
  } catch {
    return undefined;
  }
}
