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

/**
 * Whether a HubSpot contact may go to QBO (C5). Every non-empty part must hold: its lifecycle stage
 * is one of those chosen, it is in one of the chosen lists, and every property condition holds.
 * Returns the first reason it fails, in words for the ledger and the workflow action (W2).
 */
export function filterFailure(
  record: CrmRecord,
  filters: ContactFilters,
  listIds: string[],
): string | undefined {
  const contact = parseContact(record);
  const stage = (contact.ok ? contact.value.lifecycleStage : undefined) ?? "";
  if (filters.lifecycleStages.length && !filters.lifecycleStages.includes(stage))
    return `lifecycle stage "${stage || "none"}" is not one of ${filters.lifecycleStages.join(", ")}`;
  if (filters.listIds.length && !filters.listIds.some((id) => listIds.includes(id)))
    return `not a member of list ${filters.listIds.join(" or ")}`;
  for (const condition of filters.conditions)
    if (!holds(condition, record.properties[condition.property]))
      return `${condition.property} ${describe(condition)} does not hold`;
  return undefined;
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
  const filters = settings.contacts.filters;
  let lists: string[] = [];
  if (filters.listIds.length) {
    const res = await listMemberships(hubspot, "0-1", record.id);
    if (!res.ok) return res;
    lists = res.value;
  }
  return ok(filterFailure(record, filters, lists));
}
