/**
 * The entities the emulator serves, by their canonical (XSD) names. Paths and query entity names
 * are matched case-insensitively (node-quickbooks lowercases them, docs/vendors/quickbooks.md §2, §5).
 */
export const ENTITY_NAMES = [
  "Customer",
  "Item",
  "Invoice",
  "Estimate",
  "Payment",
  "TaxCode",
  "TaxRate",
  "Term",
  "Account",
  "CompanyInfo",
  "Preferences",
] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

/** Transactions can be deleted; name lists can only be made inactive (docs/vendors/quickbooks.md §4.3). */
export const TRANSACTIONS = new Set<EntityName>(["Invoice", "Estimate", "Payment"]);
/** Read and query only at their own paths (tax codes are made through TaxService, §3.6). */
export const READ_ONLY = new Set<EntityName>(["TaxCode", "TaxRate"]);
/** One object per company, read without an id in the path list. */
export const SINGLETONS = new Set<EntityName>(["CompanyInfo", "Preferences"]);
/** CDC refuses these (§6); they also send no webhooks (§7.1). */
export const NOT_IN_CDC = new Set<EntityName>(["TaxCode", "TaxRate"]);
export const NO_WEBHOOKS = new Set<EntityName>(["TaxCode", "TaxRate", "CompanyInfo"]);

const byLower = new Map<string, EntityName>(ENTITY_NAMES.map((n) => [n.toLowerCase(), n]));

export function entityNamed(name: string): EntityName | undefined {
  return byLower.get(name.toLowerCase());
}

export type Entity = Record<string, unknown>;

export interface Ref {
  value: string;
  name?: string;
}

export function refValue(ref: unknown): string | undefined {
  if (ref && typeof ref === "object" && "value" in ref) {
    const value = (ref as { value: unknown }).value;
    if (typeof value === "string" || typeof value === "number") return String(value);
  }
  return undefined;
}
