import type { QboCustomer } from "../../../connectors/qbo/lists.ts";
import type { Company, Contact } from "../../../domain/crm.ts";
import { uniqueDisplayName, type MatchResult } from "../../record-sync/index.ts";
import type { DraftData } from "./draft.ts";

/**
 * The customer step's decisions without I/O (I3): who in HubSpot stands for the customer, what
 * a new QuickBooks customer is prefilled with, and which QBO customers the list offers.
 */
export type Party = NonNullable<DraftData["party"]>;
export type NewCustomer = Extract<NonNullable<DraftData["customer"]>, { kind: "new" }>;

const text = (v: string | undefined) => (v ?? "").trim() || undefined;

/** A contact: "First Last" is the name, its company property the company. */
export function partyFromContact(
  c: Pick<Contact, "id" | "email" | "firstName" | "lastName" | "company" | "phone" | "mobilePhone">,
): Party {
  const name = [text(c.firstName), text(c.lastName)].filter(Boolean).join(" ") || undefined;
  return {
    objectType: "contacts",
    objectId: c.id,
    label: name ?? text(c.email) ?? c.id,
    email: text(c.email),
    name,
    givenName: text(c.firstName),
    familyName: text(c.lastName),
    companyName: text(c.company),
    phone: text(c.phone) ?? text(c.mobilePhone),
  };
}

/** A company: its name is both the name and the company name. */
export function partyFromCompany(c: Pick<Company, "id" | "name" | "phone">): Party {
  const name = text(c.name);
  return {
    objectType: "companies",
    objectId: c.id,
    label: name ?? c.id,
    name,
    companyName: name,
    phone: text(c.phone),
  };
}

export interface CustomerFields {
  displayName: string;
  givenName: string;
  familyName: string;
  companyName: string;
  email: string;
  phone: string;
}

/**
 * The name a new customer would want before uniqueness: the person, else the company. QBO refuses
 * a colon in DisplayName (it separates sub-customers; docs/vendors/quickbooks.md §3.1), so it becomes a dash.
 */
export function wantedDisplayName(party: Party | undefined): string {
  return (party?.name ?? party?.companyName ?? "").replace(/\s*:\s*/g, " - ").trim();
}

/**
 * The new-customer form: what the user typed before (kept as typed), else the HubSpot party, with
 * a DisplayName no QBO customer has (`taken` includes inactive ones). `renamedFrom` says why the
 * name differs from HubSpot's.
 */
export function newCustomerPrefill(
  party: Party | undefined,
  saved: NewCustomer | undefined,
  taken: string[],
): { fields: CustomerFields; renamedFrom?: string } {
  if (saved)
    return {
      fields: {
        displayName: saved.displayName,
        givenName: saved.givenName ?? "",
        familyName: saved.familyName ?? "",
        companyName: saved.companyName ?? "",
        email: saved.email ?? "",
        phone: saved.phone ?? "",
      },
    };
  const wanted = wantedDisplayName(party);
  const displayName = wanted ? uniqueDisplayName(wanted, taken) : "";
  return {
    fields: {
      displayName,
      givenName: party?.givenName ?? "",
      familyName: party?.familyName ?? "",
      companyName: party?.companyName ?? "",
      email: party?.email ?? "",
      phone: party?.phone ?? "",
    },
    renamedFrom: wanted && displayName !== wanted ? wanted : undefined,
  };
}

/**
 * The customers the list offers, at most `limit`: the match's candidates first (an ambiguous match
 * is the user's choice to make), then the one already chosen, then the rest in QBO's order.
 */
export function customerChoices(
  customers: QboCustomer[],
  match: MatchResult | undefined,
  chosenId: string | undefined,
  limit: number,
): { list: QboCustomer[]; truncated: boolean } {
  const first = new Set<string>(
    match?.kind === "matched"
      ? [match.customer.id]
      : match?.kind === "ambiguous"
        ? match.candidates.map((c) => c.id)
        : [],
  );
  if (chosenId) first.add(chosenId);
  const front = [...first].flatMap((id) => customers.filter((c) => c.id === id));
  const rest = customers.filter((c) => !first.has(c.id));
  const all = [...front, ...rest];
  return { list: all.slice(0, Math.max(limit, front.length)), truncated: all.length > limit };
}
