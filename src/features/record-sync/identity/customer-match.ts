import { norm } from "./normalize.ts";

/**
 * Matching a HubSpot contact or company to a QBO customer (I3):
 * email first, then display name / company name, case- and space-insensitive. An ambiguous match
 * (two customers fit) is not a match: it goes to the user instead of being guessed.
 */
export interface QboCustomerLite {
  id: string;
  displayName: string;
  companyName?: string;
  email?: string;
  active: boolean;
}

export interface HubSpotParty {
  email?: string;
  /** "First Last" for a contact. */
  name?: string;
  companyName?: string;
}

export type MatchResult =
  | { kind: "matched"; customer: QboCustomerLite; by: "email" | "name" }
  | { kind: "ambiguous"; candidates: QboCustomerLite[]; by: "email" | "name" }
  | { kind: "none" };

export function matchCustomer(party: HubSpotParty, customers: QboCustomerLite[]): MatchResult {
  const active = customers.filter((c) => c.active);
  const email = norm(party.email);
  if (email) {
    const byEmail = active.filter((c) => norm(c.email) === email);
    if (byEmail.length === 1) return { kind: "matched", customer: byEmail[0]!, by: "email" };
    if (byEmail.length > 1) return { kind: "ambiguous", candidates: byEmail, by: "email" };
  }
  const names = [norm(party.name), norm(party.companyName)].filter(Boolean);
  const byName = active.filter(
    (c) =>
      names.includes(norm(c.displayName)) || (norm(c.companyName) && names.includes(norm(c.companyName))),
  );
  if (byName.length === 1) return { kind: "matched", customer: byName[0]!, by: "name" };
  if (byName.length > 1) return { kind: "ambiguous", candidates: byName, by: "name" };
  return { kind: "none" };
}

/** QBO's DisplayName limit (docs/vendors/quickbooks.md §3.1). */
export const DISPLAY_NAME_MAX = 500;

/**
 * A DisplayName no customer has (inactive ones included: QBO's 6240 counts them), readable and
 * deterministic: "Acme Ltd", then "Acme Ltd (2)", "Acme Ltd (3)" ...
 */
export function uniqueDisplayName(wanted: string, taken: Iterable<string>): string {
  const base =
    wanted
      .trim()
      .replace(/\s+/g, " ")
      .slice(0, DISPLAY_NAME_MAX - 6) || "Customer";
  const used = new Set([...taken].map(norm));
  if (!used.has(norm(base))) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base} (${n})`;
    if (!used.has(norm(candidate))) return candidate;
  }
}
