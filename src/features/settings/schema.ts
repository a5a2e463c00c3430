import { z } from "zod";

/**
 * A QBO company's sync settings, as the Settings page edits them (C1–C5, P1–P3, V1, X1). Every
 * option of every dropdown is one enum value here, and every value is implemented by the rules in
 * the record-sync and invoices features. Unknown keys are refused, so a typo in a form
 * never silently turns into a default.
 */
export const DIRECTIONS = ["two_way", "to_hubspot", "to_qbo"] as const;
/** C2 / P2: what a change on one side does on the other. */
export const CREATE_UPDATE_RULES = ["create_and_update", "update_only", "none"] as const;
/** C3 / P3 / V1: what a deletion (QBO: made inactive; HubSpot: archived) does on the other side. */
export const DELETE_RULES = ["archive", "none"] as const;
/** Two-way only: which side's value stands when both changed the same field. */
export const WINNERS = ["qbo", "hubspot"] as const;
/** A QBO customer becomes a HubSpot contact, or a company with its primary contact. */
export const CUSTOMER_AS = ["contact", "company"] as const;
/** W2 / X1: legacy creates customers for any contact; sync_filter obeys the contact filters. */
export const BEHAVIOURS = ["legacy", "sync_filter"] as const;
export const CONDITION_OPERATORS = ["eq", "neq", "contains", "has_value", "not_has_value"] as const;

export type Direction = (typeof DIRECTIONS)[number];
export type CreateUpdateRule = (typeof CREATE_UPDATE_RULES)[number];
export type DeleteRule = (typeof DELETE_RULES)[number];
export type Winner = (typeof WINNERS)[number];

const propertyName = z.string().regex(/^[a-z][a-z0-9_]{0,99}$/, "a HubSpot property name");

export const conditionSchema = z.strictObject({
  property: propertyName,
  operator: z.enum(CONDITION_OPERATORS),
  value: z.string().max(500).default(""),
});
export type Condition = z.infer<typeof conditionSchema>;

/** C5: a HubSpot contact may go to QBO when it passes every non-empty part. */
export const contactFiltersSchema = z.strictObject({
  lifecycleStages: z.array(z.string().min(1).max(100)).max(20).default([]),
  listIds: z
    .array(z.string().regex(/^\d{1,18}$/, "a HubSpot list id"))
    .max(20)
    .default([]),
  conditions: z.array(conditionSchema).max(20).default([]),
});
export type ContactFilters = z.infer<typeof contactFiltersSchema>;

const objectSync = {
  enabled: z.boolean().default(false),
  direction: z.enum(DIRECTIONS).default("two_way"),
  createUpdate: z.enum(CREATE_UPDATE_RULES).default("create_and_update"),
  deleteRule: z.enum(DELETE_RULES).default("none"),
  winner: z.enum(WINNERS).default("qbo"),
};

export const contactSettingsSchema = z.strictObject({
  ...objectSync,
  customerAs: z.enum(CUSTOMER_AS).default("contact"),
  /** Keys tried after email (I3), in this order. */
  matchByNameAndCompany: z.boolean().default(true),
  matchByPhone: z.boolean().default(false),
  filters: contactFiltersSchema.default({ lifecycleStages: [], listIds: [], conditions: [] }),
});

export const productSettingsSchema = z.strictObject(objectSync);

export const invoiceSettingsSchema = z.strictObject({
  enabled: z.boolean().default(false),
  /** Invoices go one way only (V1). */
  direction: z.literal("to_hubspot").default("to_hubspot"),
  createUpdate: z.enum(CREATE_UPDATE_RULES).default("create_and_update"),
  deleteRule: z.enum(DELETE_RULES).default("none"),
});

export const syncSettingsSchema = z.strictObject({
  contacts: contactSettingsSchema.default(contactSettingsSchema.parse({})),
  products: productSettingsSchema.default(productSettingsSchema.parse({})),
  invoices: invoiceSettingsSchema.default(invoiceSettingsSchema.parse({})),
  behaviour: z.enum(BEHAVIOURS).default("legacy"),
});

export type SyncSettings = z.infer<typeof syncSettingsSchema>;
export type ContactSettings = z.infer<typeof contactSettingsSchema>;
export type ProductSettings = z.infer<typeof productSettingsSchema>;
export type InvoiceSettings = z.infer<typeof invoiceSettingsSchema>;

export const DEFAULT_SETTINGS: SyncSettings = syncSettingsSchema.parse({});

/** Whether changes flow from QBO into HubSpot / from HubSpot into QBO for this object. */
export const flowsToHubSpot = (s: { enabled: boolean; direction: Direction | "to_hubspot" }) =>
  s.enabled && s.direction !== "to_qbo";
export const flowsToQbo = (s: { enabled: boolean; direction: Direction | "to_hubspot" }) =>
  s.enabled && s.direction !== "to_hubspot";
