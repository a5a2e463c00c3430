/**
 * The QBO fields Ledgerlink looks records up by, named once here so that code outside the wire
 * layer asks for "the customer's e-mail" rather than spelling `PrimaryEmailAddr`
 * (docs/vendors/quickbooks.md §5: the query language filters on these).
 */

/** The field that names a record and must be unique among its kind (QBO refuses a duplicate, 6240). */
export const NAME_FIELD = { Customer: "DisplayName", Item: "Name" } as const;

/** Whether a name-list record is active; a query leaves inactive ones out unless it filters on it. */
export const ACTIVE_FIELD = "Active";

/** When any entity last changed: change-feed queries filter and page on it. */
export const UPDATED_AT_FIELD = "MetaData.LastUpdatedTime";

/** The invoice fields the add-existing search filters and sorts by. */
export const INVOICE_QUERY_FIELD = {
  number: "DocNumber",
  total: "TotalAmt",
  date: "TxnDate",
  customer: "CustomerRef",
} as const;

/** The account field the income account for new items is found by. */
export const ACCOUNT_QUERY_FIELD = { type: "AccountType" } as const;

/**
 * The customer fields each identity field is queried by. QBO's query cannot filter on a phone
 * number, so the phone key has no field here: it is matched in memory only.
 */
export const CUSTOMER_QUERY_FIELD: Partial<
  Record<"email" | "firstName" | "lastName" | "company" | "name", string>
> = {
  email: "PrimaryEmailAddr",
  firstName: "GivenName",
  lastName: "FamilyName",
  company: "CompanyName",
  name: "CompanyName",
};

/** The id field, by which pages are ordered so that a resumed read continues where it stopped. */
export const ID_FIELD = "Id";

/**
 * The item types a sale can name (Category and Group items cannot be sold on an invoice line), as a
 * query condition on the item type field.
 */
export const SELLABLE_ITEMS: [field: "Type", op: "IN", types: string[]] = [
  "Type",
  "IN",
  ["Service", "NonInventory", "Inventory"],
];
