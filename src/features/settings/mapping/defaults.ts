import type { MappingDirection, MappingObject } from "../../../db/schema/index.ts";

export interface MappingPair {
  hubspotProperty: string;
  qboField: string;
  direction: MappingDirection;
}

const pair = (
  hubspotProperty: string,
  qboField: string,
  direction: MappingDirection = "both",
): MappingPair => ({
  hubspotProperty,
  qboField,
  direction,
});

/**
 * The default mappings every company starts with (M1), documented in docs/field-mappings.md.
 * Identity properties (email for contacts, SKU for products) are matched on, and mapped too.
 * Invoices flow to HubSpot only (V1); their status, key and line items are written by the
 * invoice sync itself, not by mappings.
 */
export const DEFAULT_MAPPINGS: Record<MappingObject, MappingPair[]> = {
  contact: [
    pair("email", "PrimaryEmailAddr.Address"),
    pair("firstname", "GivenName"),
    pair("lastname", "FamilyName"),
    pair("company", "CompanyName"),
    pair("phone", "PrimaryPhone.FreeFormNumber"),
    pair("mobilephone", "Mobile.FreeFormNumber"),
    pair("website", "WebAddr.URI"),
    pair("address", "BillAddr.Line1"),
    pair("city", "BillAddr.City"),
    pair("state", "BillAddr.CountrySubDivisionCode"),
    pair("zip", "BillAddr.PostalCode"),
    pair("country", "BillAddr.Country"),
  ],
  product: [
    pair("name", "Name"),
    pair("hs_sku", "Sku"),
    pair("description", "Description"),
    pair("price", "UnitPrice"),
    pair("hs_cost_of_goods_sold", "PurchaseCost"),
  ],
  invoice: [
    pair("qbo_invoice_number", "DocNumber", "to_hubspot"),
    pair("hs_invoice_date", "TxnDate", "to_hubspot"),
    pair("hs_due_date", "DueDate", "to_hubspot"),
    pair("hs_currency", "CurrencyRef.value", "to_hubspot"),
    pair("qbo_invoice_amount", "TotalAmt", "to_hubspot"),
    pair("qbo_invoice_balance", "Balance", "to_hubspot"),
  ],
};
