import type { HttpClient, VendorError } from "../../connectors/http-client.ts";
import { listMemberships } from "../../connectors/hubspot/records.ts";
import type { CrmRecord } from "../../connectors/hubspot/search.ts";
import { CONTACT_PROPERTIES, parseContact } from "../../connectors/hubspot/wire/index.ts";
import { ok, type Result } from "../../lib/result.ts";
import type { Condition, ContactFilters, SyncSettings } from "../settings/index.ts";

/** The HubSpot properties the contact filters read (C5): the contact's own, and those the conditions name. */
export function filterProperties(filters: ContactFilters): string[] {
  return [...CONTACT_PROPERTIES, ...filters.conditions.map((c) => c.property)];
}

/** Which filter a contact fails (C5), as data: the pages word it in the user's language. */
export type FilterFailure =
  | { kind: "stage"; stage?: string; allowed: string[] }
  | { kind: "list"; lists: string[] }
  | { kind: "condition"; condition: Condition; value?: string };

/**
 * Whether a HubSpot contact may go to QBO (C5). Every non-empty part must hold: its lifecycle stage
 * is one of those chosen, it is in one of the chosen lists, and every property condition holds.
 * Returns the first part it fails.
 */
export function filterFailureOf(
  record: CrmRecord,
  filters: ContactFilters,
  listIds: string[],
): FilterFailure | undefined {
  const contact = parseContact(record);
  const stage = (contact.ok ? contact.value.lifecycleStage : undefined) ?? "";
  if (filters.lifecycleStages.length && !filters.lifecycleStages.includes(stage))
    return { kind: "stage", stage: stage || undefined, allowed: filters.lifecycleStages };
  if (filters.listIds.length && !filters.listIds.some((id) => listIds.includes(id)))
    return { kind: "list", lists: filters.listIds };
  for (const condition of filters.conditions) {
    const raw = record.properties[condition.property];
    if (!holds(condition, raw)) return { kind: "condition", condition, value: raw ?? undefined };
  }
  return undefined;
}

/** The first filter a contact fails, in words for the ledger and the workflow action (W2). */
export function filterFailure(
  record: CrmRecord,
  filters: ContactFilters,
  listIds: string[],
): string | undefined {
  const failure = filterFailureOf(record, filters, listIds);
  if (!failure) return undefined;
  if (failure.kind === "stage")
    return `lifecycle stage "${failure.stage ?? "none"}" is not one of ${failure.allowed.join(", ")}`;
  if (failure.kind === "list") return `not a member of list ${failure.lists.join(" or ")}`;
  return `${failure.condition.property} ${describe(failure.condition)} does not hold`;
}

function holds(c: Condition, raw: string | null | undefined): boolean {
  const value = (raw ?? "").trim().toLowerCase();
  const wanted = c.value.trim().toLowerCase();
  switch (c.operator) {
    case "eq":
      return value === wanted;
    case "neq":
      return value !== wanted;
    case "contains":
      return value.includes(wanted);
    case "has_value":
      return value !== "";
    case "not_has_value":
      return value === "";
  }
}

function describe(c: Condition): string {
  if (c.operator === "has_value") return "has a value";
  if (c.operator === "not_has_value") return "is empty";
  return `${c.operator === "eq" ? "=" : c.operator === "neq" ? "≠" : "contains"} "${c.value}"`;
}

/**
 * Why a contact does not pass the contact sync filters, or undefined: checked before a contact
 * enters the sync (once linked it keeps syncing), and by the workflow action (W2).
 */
export async function contactFilterFailure(
  hubspot: HttpClient,
  settings: SyncSettings,
  record: CrmRecord,
): Promise<Result<string | undefined, VendorError>> {
  const lists = await listsFor(hubspot, settings.contacts.filters, record);
  if (!lists.ok) return lists;
  return ok(filterFailure(record, settings.contacts.filters, lists.value));
}

/** The same check as data, for pages that word it in the user's language (X1's preview). */
export async function contactFilterFailureOf(
  hubspot: HttpClient,
  settings: SyncSettings,
  record: CrmRecord,
): Promise<Result<FilterFailure | undefined, VendorError>> {
  const lists = await listsFor(hubspot, settings.contacts.filters, record);
  if (!lists.ok) return lists;
  return ok(filterFailureOf(record, settings.contacts.filters, lists.value));
}

/** The contact's list memberships, read only when a list filter is set. */
async function listsFor(
  hubspot: HttpClient,
  filters: ContactFilters,
  record: CrmRecord,
): Promise<Result<string[], VendorError>> {
  if (!filters.listIds.length) return ok([]);
  return listMemberships(hubspot, "0-1", record.id);
}
