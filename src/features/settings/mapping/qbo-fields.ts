import type { MappingObject } from "../../../db/schema/index.ts";

/**
 * The QBO fields a mapping can use, per entity, as Intuit's XSD defines them (the sibling test
 * walks every path through `IntuitNamesTypes.xsd` / `Finance.xsd` and checks its type).
 * `readOnly` fields are computed by QBO (Balance, TotalAmt...): they can only flow to HubSpot.
 */
export type QboFieldType = "string" | "email" | "phone" | "url" | "number" | "money" | "date" | "boolean";

export interface QboField {
  path: string;
  type: QboFieldType;
  readOnly?: boolean;
}

const f = (path: string, type: QboFieldType, readOnly = false): QboField => ({ path, type, readOnly });

export const QBO_ENTITY_OF: Record<MappingObject, "Customer" | "Item" | "Invoice"> = {
  contact: "Customer",
  product: "Item",
  invoice: "Invoice",
};

export const QBO_FIELDS: Record<MappingObject, QboField[]> = {
  contact: [
    f("DisplayName", "string"),
    f("Title", "string"),
    f("GivenName", "string"),
    f("MiddleName", "string"),
    f("FamilyName", "string"),
    f("Suffix", "string"),
    f("CompanyName", "string"),
    f("PrimaryEmailAddr.Address", "email"),
    f("PrimaryPhone.FreeFormNumber", "phone"),
    f("Mobile.FreeFormNumber", "phone"),
    f("Fax.FreeFormNumber", "phone"),
    f("WebAddr.URI", "url"),
    f("BillAddr.Line1", "string"),
    f("BillAddr.Line2", "string"),
    f("BillAddr.City", "string"),
    f("BillAddr.CountrySubDivisionCode", "string"),
    f("BillAddr.PostalCode", "string"),
    f("BillAddr.Country", "string"),
    f("Notes", "string"),
    f("ResaleNum", "string"),
    f("Balance", "money", true),
    f("Active", "boolean", true),
  ],
  product: [
    f("Name", "string"),
    f("Sku", "string"),
    f("Description", "string"),
    f("PurchaseDesc", "string"),
    f("UnitPrice", "money"),
    f("PurchaseCost", "money"),
    f("Taxable", "boolean"),
    f("QtyOnHand", "number", true),
    f("Active", "boolean", true),
  ],
  invoice: [
    f("DocNumber", "string", true),
    f("TxnDate", "date", true),
    f("DueDate", "date", true),
    f("ShipDate", "date", true),
    f("TotalAmt", "money", true),
    f("Balance", "money", true),
    f("HomeBalance", "money", true),
    f("CurrencyRef.value", "string", true),
    f("CustomerRef.name", "string", true),
    f("CustomerMemo.value", "string", true),
    f("PrivateNote", "string", true),
    f("BillEmail.Address", "email", true),
    f("EmailStatus", "string", true),
    f("TrackingNum", "string", true),
  ],
};

export function qboField(object: MappingObject, path: string): QboField | undefined {
  return QBO_FIELDS[object].find((field) => field.path === path);
}

/** Reads a dotted path from a QBO entity; absent or empty is undefined. */
export function readQboPath(entity: Record<string, unknown>, path: string): string | undefined {
  let at: unknown = entity;
  for (const part of path.split(".")) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  if (at === undefined || at === null || at === "") return undefined;
  return typeof at === "object" ? undefined : String(at);
}

/** Writes a dotted path into a (sparse) QBO entity body, creating the intermediate objects. */
export function writeQboPath(body: Record<string, unknown>, field: QboField, value: string): void {
  const parts = field.path.split(".");
  let at = body;
  for (const part of parts.slice(0, -1)) {
    at[part] = { ...((at[part] as Record<string, unknown> | undefined) ?? {}) };
    at = at[part] as Record<string, unknown>;
  }
  at[parts.at(-1)!] = qboValue(field.type, value);
}

function qboValue(type: QboFieldType, value: string): unknown {
  if (type === "money" || type === "number") return Number(value);
  if (type === "boolean") return value === "true";
  return value;
}
