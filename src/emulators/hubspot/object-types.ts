/**
 * The CRM object types the emulator serves (docs/vendors/hubspot.md §1, §3). Paths accept the plural name
 * (`line_items`), the object type id (`0-8`) or the singular (`line_item`, as v4 examples use).
 */
export interface ObjectType {
  /** Plural API name: `contacts`, `line_items`. */
  name: string;
  /** HubSpot's object type id, e.g. `0-1`. */
  typeId: string;
  /** Singular, as in association names (`deal_to_contact`) and webhook event types (`contact.creation`). */
  singular: string;
  /** Upper-case name HubSpot uses in messages ("Could not get some CONTACT objects"). */
  upper: string;
  /** The key v3 reads use in `associations` (HubSpot uses the plural label, "line items"). */
  pluralLabel: string;
  /** Granular scope prefix; `.read` / `.write` are appended. */
  scope: string;
  /** Older scopes that still grant access (products and line items were `e-commerce`). */
  legacyScopes: string[];
  /**
   * What the properties API takes to read and to change this type's definitions (besides the
   * object's read scope, which also reads them). Products and line items have no schema scopes
   * of their own for writing: `e-commerce` changes their properties (HubSpot's scope list names
   * crm.schemas.line_items.read, and no crm.schemas.products.* or crm.schemas.line_items.write).
   */
  schemaScopes: { read: string[]; write: string[] };
  /** Returned when a read names no `properties` (docs/vendors/hubspot.md §3). */
  defaultProperties: string[];
  /** What a search `query` looks in. */
  searchableProperties: string[];
}

const system = ["createdate", "hs_lastmodifieddate", "hs_object_id"];

export const OBJECT_TYPES: ObjectType[] = [
  {
    name: "contacts",
    typeId: "0-1",
    singular: "contact",
    upper: "CONTACT",
    pluralLabel: "contacts",
    scope: "crm.objects.contacts",
    legacyScopes: ["contacts"],
    schemaScopes: { read: ["crm.schemas.contacts.read"], write: ["crm.schemas.contacts.write"] },
    defaultProperties: ["firstname", "lastname", "email", "createdate", "lastmodifieddate", "hs_object_id"],
    searchableProperties: ["firstname", "lastname", "email", "phone", "mobilephone", "company"],
  },
  {
    name: "companies",
    typeId: "0-2",
    singular: "company",
    upper: "COMPANY",
    pluralLabel: "companies",
    scope: "crm.objects.companies",
    legacyScopes: ["contacts"],
    schemaScopes: { read: ["crm.schemas.companies.read"], write: ["crm.schemas.companies.write"] },
    defaultProperties: ["name", "domain", ...system],
    searchableProperties: ["name", "domain", "phone", "website"],
  },
  {
    name: "deals",
    typeId: "0-3",
    singular: "deal",
    upper: "DEAL",
    pluralLabel: "deals",
    scope: "crm.objects.deals",
    legacyScopes: ["contacts"],
    schemaScopes: { read: ["crm.schemas.deals.read"], write: ["crm.schemas.deals.write"] },
    defaultProperties: ["dealname", "amount", "closedate", "pipeline", "dealstage", ...system],
    searchableProperties: ["dealname", "pipeline", "dealstage", "description", "dealtype"],
  },
  {
    name: "products",
    typeId: "0-7",
    singular: "product",
    upper: "PRODUCT",
    pluralLabel: "products",
    scope: "crm.objects.products",
    legacyScopes: ["e-commerce"],
    schemaScopes: { read: [], write: ["e-commerce"] },
    defaultProperties: ["name", "price", "description", ...system],
    searchableProperties: ["name", "description", "hs_sku"],
  },
  {
    name: "line_items",
    typeId: "0-8",
    singular: "line_item",
    upper: "LINE_ITEM",
    pluralLabel: "line items",
    scope: "crm.objects.line_items",
    legacyScopes: ["e-commerce"],
    schemaScopes: { read: ["crm.schemas.line_items.read"], write: ["e-commerce"] },
    defaultProperties: ["name", "quantity", "price", "amount", ...system],
    searchableProperties: ["name", "description", "hs_sku"],
  },
  {
    name: "quotes",
    typeId: "0-14",
    singular: "quote",
    upper: "QUOTE",
    pluralLabel: "quotes",
    scope: "crm.objects.quotes",
    legacyScopes: ["e-commerce"],
    schemaScopes: { read: ["crm.schemas.quotes.read"], write: ["crm.schemas.quotes.write"] },
    defaultProperties: [
      "hs_title",
      "hs_expiration_date",
      "hs_createdate",
      "hs_lastmodifieddate",
      "hs_object_id",
    ],
    searchableProperties: ["hs_title"],
  },
  {
    name: "invoices",
    typeId: "0-53",
    singular: "invoice",
    upper: "INVOICE",
    pluralLabel: "invoices",
    scope: "crm.objects.invoices",
    legacyScopes: [],
    schemaScopes: { read: ["crm.schemas.invoices.read"], write: ["crm.schemas.invoices.write"] },
    defaultProperties: ["hs_createdate", "hs_lastmodifieddate", "hs_object_id"],
    searchableProperties: ["hs_number", "hs_title"],
  },
];

const lookup = new Map<string, ObjectType>();
for (const type of OBJECT_TYPES) {
  for (const key of [type.name, type.typeId, type.singular, type.pluralLabel]) lookup.set(key, type);
}

/** The object type a path segment names, or undefined (HubSpot: "Unable to infer object type from: x"). */
export function objectTypeOf(segment: string): ObjectType | undefined {
  return lookup.get(segment.toLowerCase());
}

export function objectTypeNamed(name: string): ObjectType {
  const type = lookup.get(name);
  if (!type) throw new Error(`Unknown object type ${name}`);
  return type;
}

/** Scopes that allow reading records of a type (any one is enough). */
export function readScopes(type: ObjectType): string[] {
  return [`${type.scope}.read`, ...type.legacyScopes];
}

export function writeScopes(type: ObjectType): string[] {
  return [`${type.scope}.write`, ...type.legacyScopes];
}
