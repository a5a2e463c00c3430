import {
  contactSettingsSchema,
  invoiceSettingsSchema,
  productSettingsSchema,
  syncSettingsSchema,
  type SyncSettings,
} from "./schema.ts";

export const TABS = ["contacts", "products", "invoices"] as const;
export type Tab = (typeof TABS)[number];
export const CONDITION_ROWS = 3;

type Form = Record<string, string | File | Array<string | File>>;

const text = (form: Form, name: string): string => {
  const v = form[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === "string" ? first : "";
};
const all = (form: Form, name: string): string[] => {
  const v = form[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(
    (x): x is string => typeof x === "string",
  );
};
const checked = (form: Form, name: string) => text(form, name) === "on";

/**
 * A tab's form → the company's full settings, or the reason it is refused. The other tabs keep
 * their stored values; every field is checked by the settings schema, so nothing half-valid is
 * ever saved (bad input changes nothing).
 */
export function settingsFromForm(
  current: SyncSettings,
  tab: Tab,
  form: Form,
): { ok: true; settings: SyncSettings } | { ok: false; reason: string } {
  const common = {
    enabled: checked(form, "enabled"),
    createUpdate: text(form, "createUpdate"),
    deleteRule: text(form, "deleteRule"),
  };
  let section: unknown;
  if (tab === "invoices") section = invoiceSettingsSchema.safeParse({ ...common, direction: "to_hubspot" });
  else if (tab === "products")
    section = productSettingsSchema.safeParse({
      ...common,
      direction: text(form, "direction"),
      winner: text(form, "winner"),
    });
  else
    section = contactSettingsSchema.safeParse({
      ...common,
      direction: text(form, "direction"),
      winner: text(form, "winner"),
      customerAs: text(form, "customerAs"),
      matchByNameAndCompany: checked(form, "matchByNameAndCompany"),
      matchByPhone: checked(form, "matchByPhone"),
      filters: {
        lifecycleStages: all(form, "lifecycleStages"),
        listIds: text(form, "listIds")
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
        conditions: conditionsOf(form),
      },
    });
  const parsed = section as ReturnType<typeof contactSettingsSchema.safeParse>;
  if (!parsed.success) return { ok: false, reason: describeIssue(parsed.error.issues[0]) };
  // The behaviour (X1) never changes here: the switch goes through its preview page only.
  const next = syncSettingsSchema.safeParse({ ...current, [tab]: parsed.data });
  if (!next.success) return { ok: false, reason: describeIssue(next.error.issues[0]) };
  return { ok: true, settings: next.data };
}

function conditionsOf(form: Form) {
  const rows = [];
  for (let i = 0; i < CONDITION_ROWS; i++) {
    const property = text(form, `condition${i}.property`).trim();
    if (!property) continue;
    rows.push({
      property,
      operator: text(form, `condition${i}.operator`),
      value: text(form, `condition${i}.value`),
    });
  }
  return rows;
}

function describeIssue(issue: { path: PropertyKey[]; message: string } | undefined): string {
  if (!issue) return "invalid settings";
  return `${issue.path.map(String).join(".")}: ${issue.message}`;
}
