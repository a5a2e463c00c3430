import { DEFAULT_DEAL_PIPELINE } from "./pipelines.ts";
import type { FieldType, PropertyDefinition, PropertyGroup, PropertyType } from "./property-types.ts";

/**
 * HubSpot-defined properties per object type: the ones docs/vendors/hubspot.md §3 lists, enough for the
 * product and its tests. Calculated ones (`amount` on line items, invoice totals) are read-only.
 */

/** When HubSpot-defined properties say they were created (a fixed date: they predate every portal). */
const DEFINED_AT = "2020-01-01T00:00:00.000Z";

export const CURRENCIES = [
  "USD", "EUR", "GBP", "JPY", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF",
  "SGD", "HKD", "CNY", "KRW", "INR", "MXN", "BRL", "ZAR", "AED", "ILS", "THB", "PHP", "MYR", "IDR",
]; // prettier-ignore

interface Extra {
  options?: Array<[value: string, label: string]>;
  readOnly?: boolean;
  calculated?: boolean;
  unique?: boolean;
  owner?: boolean;
  hidden?: boolean;
}

let order = 0;
function def(
  name: string,
  label: string,
  type: PropertyType,
  fieldType: FieldType,
  groupName: string,
  extra: Extra = {},
): PropertyDefinition {
  return {
    name,
    label,
    type,
    fieldType,
    description: "",
    groupName,
    options: (extra.options ?? []).map(([value, optionLabel], displayOrder) => ({
      label: optionLabel,
      value,
      displayOrder,
      hidden: false,
    })),
    displayOrder: order++,
    calculated: extra.calculated ?? false,
    externalOptions: extra.owner ?? false,
    hasUniqueValue: extra.unique ?? false,
    hidden: extra.hidden ?? false,
    hubspotDefined: true,
    modificationMetadata: {
      archivable: false,
      readOnlyDefinition: true,
      readOnlyValue: extra.readOnly ?? extra.calculated ?? false,
    },
    formField: false,
    dataSensitivity: "non_sensitive",
    ...(extra.owner ? { referencedObjectType: "OWNER" } : {}),
    createdAt: DEFINED_AT,
    updatedAt: DEFINED_AT,
    archived: false,
  };
}

const currency = (name: string, label: string, group: string) =>
  def(name, label, "enumeration", "select", group, { options: CURRENCIES.map((c) => [c, c]) });
const text = (name: string, label: string, group: string) => def(name, label, "string", "text", group);
const num = (name: string, label: string, group: string, extra: Extra = {}) =>
  def(name, label, "number", "number", group, extra);
const owner = (group: string) =>
  def("hubspot_owner_id", "Owner", "enumeration", "select", group, { owner: true });

/** Every object carries these; contacts also `lastmodifieddate` (docs/vendors/hubspot.md §3). */
function system(group: string, contacts = false): PropertyDefinition[] {
  const stamp = (name: string, label: string) =>
    def(name, label, "datetime", "date", group, { readOnly: true });
  return [
    stamp("createdate", "Create Date"),
    stamp("hs_createdate", "Object create date/time"),
    stamp("hs_lastmodifieddate", "Object last modified date/time"),
    ...(contacts ? [stamp("lastmodifieddate", "Last Modified Date")] : []),
    num("hs_object_id", "Record ID", group, { readOnly: true }),
  ];
}

const contactGroup = "contactinformation";
const companyGroup = "companyinformation";
const dealGroup = "dealinformation";
const productGroup = "productinformation";
const lineItemGroup = "lineiteminformation";
const quoteGroup = "quoteinformation";
const invoiceGroup = "invoiceinformation";

const billingFrequency = (group: string) =>
  def("recurringbillingfrequency", "Billing frequency", "enumeration", "select", group, {
    options: [
      ["weekly", "Weekly"],
      ["biweekly", "Biweekly"],
      ["monthly", "Monthly"],
      ["quarterly", "Quarterly"],
      ["per_six_months", "Every six months"],
      ["annually", "Annually"],
      ["per_two_years", "Every two years"],
    ],
  });

const DEFAULTS: Record<string, PropertyDefinition[]> = {
  contacts: [
    text("email", "Email", contactGroup),
    text("firstname", "First Name", contactGroup),
    text("lastname", "Last Name", contactGroup),
    def("phone", "Phone Number", "string", "phonenumber", contactGroup),
    def("mobilephone", "Mobile Phone Number", "string", "phonenumber", contactGroup),
    text("company", "Company Name", contactGroup),
    text("jobtitle", "Job Title", contactGroup),
    text("website", "Website URL", contactGroup),
    text("address", "Street Address", contactGroup),
    text("city", "City", contactGroup),
    text("state", "State/Region", contactGroup),
    text("zip", "Postal Code", contactGroup),
    text("country", "Country/Region", contactGroup),
    def("lifecyclestage", "Lifecycle Stage", "enumeration", "radio", contactGroup, {
      options: [
        ["subscriber", "Subscriber"],
        ["lead", "Lead"],
        ["marketingqualifiedlead", "Marketing Qualified Lead"],
        ["salesqualifiedlead", "Sales Qualified Lead"],
        ["opportunity", "Opportunity"],
        ["customer", "Customer"],
        ["evangelist", "Evangelist"],
        ["other", "Other"],
      ],
    }),
    owner(contactGroup),
    ...system(contactGroup, true),
  ],
  companies: [
    text("name", "Company name", companyGroup),
    text("domain", "Company Domain Name", companyGroup),
    def("phone", "Phone Number", "string", "phonenumber", companyGroup),
    text("website", "Website URL", companyGroup),
    text("address", "Street Address", companyGroup),
    text("address2", "Street Address 2", companyGroup),
    text("city", "City", companyGroup),
    text("state", "State/Region", companyGroup),
    text("zip", "Postal Code", companyGroup),
    text("country", "Country/Region", companyGroup),
    text("industry", "Industry", companyGroup),
    owner(companyGroup),
    ...system(companyGroup),
  ],
  deals: [
    text("dealname", "Deal Name", dealGroup),
    num("amount", "Amount", dealGroup),
    def("dealstage", "Deal Stage", "enumeration", "radio", dealGroup, {
      options: DEFAULT_DEAL_PIPELINE.stages.map((s) => [s.id, s.label]),
    }),
    def("pipeline", "Pipeline", "enumeration", "select", dealGroup, {
      options: [[DEFAULT_DEAL_PIPELINE.id, DEFAULT_DEAL_PIPELINE.label]],
    }),
    def("closedate", "Close Date", "datetime", "date", dealGroup),
    currency("deal_currency_code", "Currency", dealGroup),
    def("dealtype", "Deal Type", "enumeration", "radio", dealGroup, {
      options: [
        ["newbusiness", "New Business"],
        ["existingbusiness", "Existing Business"],
      ],
    }),
    def("description", "Deal Description", "string", "textarea", dealGroup),
    num("hs_deal_stage_probability", "Deal probability", dealGroup, { calculated: true }),
    def("hs_is_closed", "Is Deal Closed?", "bool", "booleancheckbox", dealGroup, { calculated: true }),
    def("hs_is_closed_won", "Is Closed Won", "bool", "booleancheckbox", dealGroup, { calculated: true }),
    owner(dealGroup),
    ...system(dealGroup),
  ],
  products: [
    text("name", "Name", productGroup),
    def("description", "Description", "string", "textarea", productGroup),
    num("price", "Unit price", productGroup),
    text("hs_sku", "SKU", productGroup),
    num("hs_cost_of_goods_sold", "Unit cost", productGroup),
    text("hs_recurring_billing_period", "Term", productGroup),
    billingFrequency(productGroup),
    def("hs_product_type", "Product type", "enumeration", "select", productGroup, {
      options: [
        ["inventory", "Inventory"],
        ["non_inventory", "Non-inventory"],
        ["service", "Service"],
      ],
    }),
    owner(productGroup),
    ...system(productGroup),
  ],
  line_items: [
    text("name", "Name", lineItemGroup),
    num("hs_product_id", "Product ID", lineItemGroup),
    num("quantity", "Quantity", lineItemGroup),
    num("price", "Unit price", lineItemGroup),
    num("amount", "Net price", lineItemGroup, { calculated: true }),
    text("hs_sku", "SKU", lineItemGroup),
    def("description", "Description", "string", "textarea", lineItemGroup),
    num("discount", "Unit discount", lineItemGroup),
    num("hs_discount_percentage", "Discount Percentage", lineItemGroup),
    text("hs_tax_rate_group_id", "Tax rate", lineItemGroup),
    currency("hs_line_item_currency_code", "Currency", lineItemGroup),
    num("hs_position_on_quote", "Position on quote", lineItemGroup),
    text("hs_recurring_billing_period", "Term", lineItemGroup),
    billingFrequency(lineItemGroup),
    ...system(lineItemGroup),
  ],
  quotes: [
    text("hs_title", "Quote Name", quoteGroup),
    def("hs_expiration_date", "Quote expiration date", "datetime", "date", quoteGroup),
    def("hs_status", "Quote approval status", "enumeration", "select", quoteGroup, {
      options: [
        ["DRAFT", "Draft"],
        ["APPROVAL_NOT_NEEDED", "Approval not needed"],
        ["PENDING_APPROVAL", "Pending approval"],
        ["APPROVED", "Approved"],
        ["REJECTED", "Rejected"],
      ],
    }),
    num("hs_quote_amount", "Quote amount", quoteGroup, { calculated: true }),
    currency("hs_currency", "Currency", quoteGroup),
    text("hs_quote_number", "Quote number", quoteGroup),
    text("hs_quote_link", "Quote link", quoteGroup),
    text("hs_language", "Language", quoteGroup),
    text("hs_template_type", "Template type", quoteGroup),
    owner(quoteGroup),
    ...system(quoteGroup),
  ],
  invoices: [
    currency("hs_currency", "Currency", invoiceGroup),
    def("hs_invoice_status", "Invoice status", "enumeration", "select", invoiceGroup, {
      options: [
        ["draft", "Draft"],
        ["open", "Open"],
        ["paid", "Paid"],
        ["voided", "Voided"],
      ],
    }),
    def("hs_number", "Invoice number", "string", "text", invoiceGroup, { readOnly: true }),
    text("hs_title", "Title", invoiceGroup),
    def("hs_invoice_date", "Invoice date", "date", "date", invoiceGroup),
    def("hs_due_date", "Due date", "date", "date", invoiceGroup),
    num("hs_amount_billed", "Amount billed", invoiceGroup, { calculated: true }),
    num("hs_amount_paid", "Amount paid", invoiceGroup),
    num("hs_balance_due", "Balance due", invoiceGroup, { calculated: true }),
    text("hs_invoice_link", "Invoice link", invoiceGroup),
    text("hs_tax_id", "Tax ID", invoiceGroup),
    text("hs_purchase_order_number", "Purchase order number", invoiceGroup),
    def("hs_comments", "Comments", "string", "textarea", invoiceGroup),
    owner(invoiceGroup),
    ...system(invoiceGroup),
  ],
};

const GROUP_LABELS: Record<string, [string, string]> = {
  contacts: [contactGroup, "Contact information"],
  companies: [companyGroup, "Company information"],
  deals: [dealGroup, "Deal information"],
  products: [productGroup, "Product information"],
  line_items: [lineItemGroup, "Line item information"],
  quotes: [quoteGroup, "Quote information"],
  invoices: [invoiceGroup, "Invoice information"],
};

const byType = new Map(
  Object.entries(DEFAULTS).map(([type, list]) => [type, new Map(list.map((p) => [p.name, p]))]),
);

export function defaultProperties(objectType: string): ReadonlyMap<string, PropertyDefinition> {
  return byType.get(objectType) ?? new Map();
}

export function defaultGroups(objectType: string): PropertyGroup[] {
  const group = GROUP_LABELS[objectType];
  return group ? [{ name: group[0], label: group[1], displayOrder: -1, archived: false }] : [];
}
