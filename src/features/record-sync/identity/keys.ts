import type { LinkKind } from "../../../db/schema/index.ts";
import type { ContactSettings } from "../../settings/index.ts";
import { norm } from "./normalize.ts";

/**
 * What identifies a record, in our own words, whichever vendor holds it: each side adapter reads
 * these from its records, so that both sides build the same match keys.
 */
export interface Identity {
  email?: string;
  firstName?: string;
  lastName?: string;
  /** A person's free-text company name. */
  company?: string;
  phone?: string;
  /** A company's or a product's name. */
  name?: string;
  sku?: string;
  /** A company's web domain: never a key, only a fallback name. */
  domain?: string;
}

export type IdentityField = Exclude<keyof Identity, "domain">;

/**
 * One match key: `by` names it in the ledger, `key` is its normalised text (equal keys are the
 * same record), `parts` are the raw values a vendor search asks for.
 */
export interface MatchKey {
  by: string;
  key: string;
  parts: Array<[field: IdentityField, value: string]>;
}

/** The keys a kind is matched on, strongest first (I3 for people and companies, P1 for products). */
const CONTACT_KEYS = {
  email: ["email"],
  nameAndCompany: ["firstName", "lastName", "company"],
  phone: ["phone"],
} as const satisfies Record<string, IdentityField[]>;

function key(by: string, identity: Identity, fields: readonly IdentityField[]): MatchKey | undefined {
  const parts = fields.map((f): [IdentityField, string] => [f, identity[f] ?? ""]);
  if (!parts.every(([, v]) => norm(v))) return undefined;
  return { by, key: `${by}:${parts.map(([, v]) => norm(v)).join("|")}`, parts };
}

/**
 * A record's match keys in the order they are tried: the first key with exactly one record on the
 * other side decides. Keys with an empty part are left out (an empty e-mail matches nothing).
 */
export function keysOf(kind: LinkKind, identity: Identity, settings: ContactSettings): MatchKey[] {
  const wanted: Array<MatchKey | undefined> =
    kind === "product"
      ? [key("SKU", identity, ["sku"]), key("name", identity, ["name"])]
      : kind === "company"
        ? [key("name", identity, ["name"])]
        : [
            key("email", identity, CONTACT_KEYS.email),
            settings.matchByNameAndCompany
              ? key("name and company", identity, CONTACT_KEYS.nameAndCompany)
              : undefined,
            settings.matchByPhone ? key("phone", identity, CONTACT_KEYS.phone) : undefined,
          ];
  return wanted.filter((k): k is MatchKey => k !== undefined);
}

/** A key that is not about identity but exact: the record we created from this one (`realm:id`). */
export const exactKey = (value: string): MatchKey => ({ by: "key", key: `key:${value}`, parts: [] });
