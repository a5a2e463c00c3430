import type { CrmRecord } from "../../connectors/hubspot/search.ts";
import type { Condition, ContactFilters } from "../settings/index.ts";

/** The HubSpot properties the contact filters read (C5). */
export function filterProperties(filters: ContactFilters): string[] {
  return ["lifecyclestage", ...filters.conditions.map((c) => c.property)];
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
  const stage = record.properties.lifecyclestage ?? "";
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
