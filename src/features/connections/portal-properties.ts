/**
 * The HubSpot properties Ledgerlink owns (S2), as data. `setupPortal` creates whichever
 * are missing on connect; running it again changes nothing.
 * Labels are English and Japanese: HubSpot shows the label the app created, so we pick the
 * portal user's language at set-up (HubSpot has no per-language property labels).
 */
export interface PropertySpec {
  objectType: "deals" | "contacts" | "products" | "invoices" | "companies" | "line_items";
  name: string;
  label: { en: string; ja: string };
  type: "string" | "number" | "date" | "datetime" | "enumeration" | "bool";
  fieldType: "text" | "number" | "date" | "select" | "booleancheckbox";
  groupName: string;
  options?: Array<{ value: string; label: { en: string; ja: string } }>;
  hasUniqueValue?: boolean;
}

export interface GroupSpec {
  objectType: PropertySpec["objectType"];
  name: string;
  label: { en: string; ja: string };
}

export const INVOICE_STATUS_OPTIONS: NonNullable<PropertySpec["options"]> = [
  { value: "awaiting_send", label: { en: "Awaiting send", ja: "送信待ち" } },
  { value: "sent", label: { en: "Sent to customer", ja: "顧客に送信済み" } },
  { value: "partially_paid", label: { en: "Partial payment", ja: "一部支払い済み" } },
  { value: "paid", label: { en: "Paid in full", ja: "全額支払い済み" } },
  { value: "overdue", label: { en: "Overdue", ja: "期限超過" } },
];

/** Invoice objects can also be voided in QBO; deals never show that (S1: a voided one stops driving them). */
const INVOICE_OBJECT_STATUS_OPTIONS: NonNullable<PropertySpec["options"]> = [
  ...INVOICE_STATUS_OPTIONS,
  { value: "voided", label: { en: "Voided", ja: "無効" } },
];

const GROUP = "qbo_invoice";
const groupLabel = { en: "QuickBooks invoice", ja: "QuickBooks 請求書" };
const SYNC_GROUP = "ledgerlink";
const syncGroupLabel = { en: "Ledgerlink (QuickBooks sync)", ja: "Ledgerlink（QuickBooks 同期）" };

export const PROPERTY_GROUPS: GroupSpec[] = [
  { objectType: "deals", name: GROUP, label: groupLabel },
  { objectType: "invoices", name: GROUP, label: groupLabel },
  { objectType: "contacts", name: SYNC_GROUP, label: syncGroupLabel },
  { objectType: "companies", name: SYNC_GROUP, label: syncGroupLabel },
  { objectType: "products", name: SYNC_GROUP, label: syncGroupLabel },
  { objectType: "line_items", name: SYNC_GROUP, label: syncGroupLabel },
];

export const PORTAL_PROPERTIES: PropertySpec[] = [
  // S2: the five deal properties.
  {
    objectType: "deals",
    name: "qbo_invoice_amount",
    label: { en: "Invoice amount", ja: "請求金額" },
    type: "number",
    fieldType: "number",
    groupName: GROUP,
  },
  {
    objectType: "deals",
    name: "qbo_invoice_recipient",
    label: { en: "Invoice recipient", ja: "請求書の受取人" },
    type: "string",
    fieldType: "text",
    groupName: GROUP,
  },
  {
    objectType: "deals",
    name: "qbo_invoice_number",
    label: { en: "Invoice number", ja: "請求書番号" },
    type: "string",
    fieldType: "text",
    groupName: GROUP,
  },
  {
    objectType: "deals",
    name: "qbo_invoice_status",
    label: { en: "Invoice status", ja: "請求書のステータス" },
    type: "enumeration",
    fieldType: "select",
    groupName: GROUP,
    options: INVOICE_STATUS_OPTIONS,
  },
  {
    objectType: "deals",
    name: "qbo_invoice_due_date",
    label: { en: "Invoice due date", ja: "請求書の支払期日" },
    type: "date",
    fieldType: "date",
    groupName: GROUP,
  },
  // V2, E2: HubSpot invoice objects mirroring QBO invoices carry their QBO identity and status.
  // QBO ids are unique only within a company, so the unique key is "<realm id>:<invoice id>".
  {
    objectType: "invoices",
    name: "qbo_invoice_key",
    label: { en: "QuickBooks invoice key", ja: "QuickBooks 請求書キー" },
    type: "string",
    fieldType: "text",
    groupName: GROUP,
    hasUniqueValue: true,
  },
  {
    objectType: "invoices",
    name: "qbo_invoice_id",
    label: { en: "QuickBooks invoice ID", ja: "QuickBooks 請求書 ID" },
    type: "string",
    fieldType: "text",
    groupName: GROUP,
  },
  {
    objectType: "invoices",
    name: "qbo_invoice_number",
    label: { en: "QuickBooks invoice number", ja: "QuickBooks 請求書番号" },
    type: "string",
    fieldType: "text",
    groupName: GROUP,
  },
  {
    objectType: "invoices",
    name: "qbo_invoice_amount",
    label: { en: "QuickBooks invoice amount", ja: "QuickBooks 請求金額" },
    type: "number",
    fieldType: "number",
    groupName: GROUP,
  },
  {
    objectType: "invoices",
    name: "qbo_invoice_balance",
    label: { en: "QuickBooks balance due", ja: "QuickBooks 未払い残高" },
    type: "number",
    fieldType: "number",
    groupName: GROUP,
  },
  {
    objectType: "invoices",
    name: "qbo_realm_id",
    label: { en: "QuickBooks company ID", ja: "QuickBooks 会社 ID" },
    type: "string",
    fieldType: "text",
    groupName: GROUP,
  },
  {
    objectType: "invoices",
    name: "qbo_invoice_status",
    label: { en: "QuickBooks invoice status", ja: "QuickBooks 請求書のステータス" },
    type: "enumeration",
    fieldType: "select",
    groupName: GROUP,
    options: INVOICE_OBJECT_STATUS_OPTIONS,
  },
  // Identity: which QBO record a contact, company or product is linked to (C, P).
  {
    objectType: "contacts",
    name: "qbo_customer_id",
    label: { en: "QuickBooks customer ID", ja: "QuickBooks 顧客 ID" },
    type: "string",
    fieldType: "text",
    groupName: SYNC_GROUP,
  },
  {
    objectType: "companies",
    name: "qbo_customer_id",
    label: { en: "QuickBooks customer ID", ja: "QuickBooks 顧客 ID" },
    type: "string",
    fieldType: "text",
    groupName: SYNC_GROUP,
  },
  // `realm:id`, unique: the sync creates records by upserting on it, so a rerun never duplicates.
  ...(["contacts", "companies"] as const).map((objectType): PropertySpec => ({
    objectType,
    name: "qbo_customer_key",
    label: { en: "QuickBooks customer key", ja: "QuickBooks 顧客キー" },
    type: "string",
    fieldType: "text",
    groupName: SYNC_GROUP,
    hasUniqueValue: true,
  })),
  {
    objectType: "line_items",
    name: "qbo_line_key",
    label: { en: "QuickBooks invoice line key", ja: "QuickBooks 請求書明細キー" },
    type: "string",
    fieldType: "text",
    groupName: SYNC_GROUP,
    hasUniqueValue: true,
  },
  {
    objectType: "products",
    name: "qbo_item_key",
    label: { en: "QuickBooks item key", ja: "QuickBooks 品目キー" },
    type: "string",
    fieldType: "text",
    groupName: SYNC_GROUP,
    hasUniqueValue: true,
  },
  {
    objectType: "products",
    name: "qbo_item_id",
    label: { en: "QuickBooks item ID", ja: "QuickBooks 品目 ID" },
    type: "string",
    fieldType: "text",
    groupName: SYNC_GROUP,
  },
];
