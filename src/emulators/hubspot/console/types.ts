/**
 * The object types the console lists, in its navigation's order, with the columns each index shows
 * after the record's name (HubSpot's default views, in short); the name links to the record.
 */
export interface ConsoleType {
  name: string;
  typeId: string;
  columns: string[];
}

export const CONSOLE_TYPES: readonly ConsoleType[] = [
  { name: "deals", typeId: "0-3", columns: ["amount", "dealstage", "closedate"] },
  { name: "contacts", typeId: "0-1", columns: ["email", "jobtitle", "company"] },
  { name: "companies", typeId: "0-2", columns: ["domain", "city", "country"] },
  { name: "products", typeId: "0-7", columns: ["hs_sku", "price"] },
  { name: "quotes", typeId: "0-14", columns: ["hs_status", "hs_quote_amount", "hs_expiration_date"] },
  {
    name: "invoices",
    typeId: "0-53",
    columns: ["hs_invoice_status", "hs_amount_billed", "hs_due_date"],
  },
];

export const consoleType = (typeId: string) => CONSOLE_TYPES.find((t) => t.typeId === typeId);
