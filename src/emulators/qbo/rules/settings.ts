import type { Entity } from "../entities.ts";
import { faults, type RuleContext } from "./common.ts";

function section(entity: Entity | undefined, name: string): Entity {
  return ((entity?.[name] ?? {}) as Entity) ?? {};
}

/**
 * Preferences are updated sparsely by section. Two of them drive the rules: custom transaction
 * numbers (DocNumber) and multicurrency, which can be turned on but never off again.
 */
export function preparePreferences(ctx: RuleContext, draft: Entity, existing?: Entity): Entity {
  const merged: Entity = { ...existing, ...draft };
  for (const key of Object.keys(draft)) {
    const before = existing?.[key];
    const after = draft[key];
    if (before && after && typeof before === "object" && typeof after === "object" && !Array.isArray(after)) {
      merged[key] = { ...(before as Entity), ...(after as Entity) };
    }
  }
  const { settings } = ctx.company;
  const multi = section(merged, "CurrencyPrefs").MultiCurrencyEnabled === true;
  if (settings.multiCurrency && !multi)
    throw faults.business("Multicurrency can't be turned off once it is on.");
  settings.multiCurrency = multi;
  settings.customTxnNumbers = section(merged, "SalesFormsPrefs").CustomTxnNumbers === true;
  return merged;
}

export function prepareCompanyInfo(ctx: RuleContext, draft: Entity, existing?: Entity): Entity {
  if (draft.Country !== undefined && draft.Country !== existing?.Country) {
    throw faults.business("The company's country can't be changed.");
  }
  const merged = { ...existing, ...draft };
  if (typeof merged.CompanyName === "string") ctx.company.settings.name = merged.CompanyName;
  return merged;
}
