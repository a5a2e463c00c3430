/**
 * The CRM object types the extensions speak about, under each of the names HubSpot uses for
 * them: the plural API name (`deals`), the webhook event prefix (`deal.creation`), the
 * objectTypeId of record URLs (`0-3`), and the upper-case name of card fetches and workflow
 * actions (`DEAL`). Kept here rather than imported from the core so the extensions stand on the
 * contract alone.
 */
export interface ObjectTypeNames {
  name: string;
  eventPrefix: string;
  typeId: string;
  upper: string;
}

export const OBJECT_TYPES: readonly ObjectTypeNames[] = [
  { name: "contacts", eventPrefix: "contact", typeId: "0-1", upper: "CONTACT" },
  { name: "companies", eventPrefix: "company", typeId: "0-2", upper: "COMPANY" },
  { name: "deals", eventPrefix: "deal", typeId: "0-3", upper: "DEAL" },
  { name: "tickets", eventPrefix: "ticket", typeId: "0-5", upper: "TICKET" },
  { name: "products", eventPrefix: "product", typeId: "0-7", upper: "PRODUCT" },
  { name: "line_items", eventPrefix: "line_item", typeId: "0-8", upper: "LINE_ITEM" },
  { name: "quotes", eventPrefix: "quote", typeId: "0-14", upper: "QUOTE" },
  { name: "invoices", eventPrefix: "invoice", typeId: "0-53", upper: "INVOICE" },
];

/** Finds a type by any of its names (case-insensitive for the word forms). */
export function objectType(spelled: string): ObjectTypeNames | undefined {
  const s = spelled.trim();
  const lower = s.toLowerCase();
  return OBJECT_TYPES.find(
    (t) => t.typeId === s || t.name === lower || t.eventPrefix === lower || t.upper === s.toUpperCase(),
  );
}
