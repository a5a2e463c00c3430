/** The languages property labels exist in (same as the UI). */
export type Locale = "en" | "ja";
import { err, ok, type Result } from "../../lib/result.ts";
import { PORTAL_PROPERTIES, PROPERTY_GROUPS, type PropertySpec } from "./portal-properties.ts";

/** The slice of HubSpot's properties API that set-up needs (implemented in connectors/hubspot). */
export interface PropertiesApi {
  groupNames(objectType: string): Promise<Result<string[], string>>;
  createGroup(objectType: string, group: { name: string; label: string }): Promise<Result<void, string>>;
  propertyNames(objectType: string): Promise<Result<string[], string>>;
  createProperty(objectType: string, property: Record<string, unknown>): Promise<Result<void, string>>;
}

export interface SetupReport {
  createdGroups: string[];
  createdProperties: string[];
}

function propertyBody(spec: PropertySpec, locale: Locale): Record<string, unknown> {
  return {
    name: spec.name,
    label: spec.label[locale],
    type: spec.type,
    fieldType: spec.fieldType,
    groupName: spec.groupName,
    ...(spec.hasUniqueValue ? { hasUniqueValue: true } : {}),
    ...(spec.options
      ? {
          options: spec.options.map((o, i) => ({
            value: o.value,
            label: o.label[locale],
            displayOrder: i,
            hidden: false,
          })),
        }
      : {}),
  };
}

/**
 * Creates Ledgerlink's property groups and properties where they are missing (A1, S2). Existing
 * ones are left as they are (a user may have relabelled them), so running it twice is harmless.
 */
export async function setupPortal(api: PropertiesApi, locale: Locale): Promise<Result<SetupReport, string>> {
  const report: SetupReport = { createdGroups: [], createdProperties: [] };
  for (const group of PROPERTY_GROUPS) {
    const existing = await api.groupNames(group.objectType);
    if (!existing.ok) return existing;
    if (existing.value.includes(group.name)) continue;
    const created = await api.createGroup(group.objectType, { name: group.name, label: group.label[locale] });
    if (!created.ok) return err(`property group ${group.objectType}.${group.name}: ${created.error}`);
    report.createdGroups.push(`${group.objectType}.${group.name}`);
  }
  const byObject = new Map<string, string[]>();
  for (const spec of PORTAL_PROPERTIES) {
    if (!byObject.has(spec.objectType)) {
      const names = await api.propertyNames(spec.objectType);
      if (!names.ok) return names;
      byObject.set(spec.objectType, names.value);
    }
    if (byObject.get(spec.objectType)!.includes(spec.name)) continue;
    const created = await api.createProperty(spec.objectType, propertyBody(spec, locale));
    if (!created.ok) return err(`property ${spec.objectType}.${spec.name}: ${created.error}`);
    report.createdProperties.push(`${spec.objectType}.${spec.name}`);
  }
  return ok(report);
}
