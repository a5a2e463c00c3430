/**
 * The QBO fields Ledgerlink looks records up by, named once here so that code outside the wire
 * layer asks for "the customer's e-mail" rather than spelling `PrimaryEmailAddr`
 * (docs/vendors/quickbooks.md §5: the query language filters on these).
 */

/** The field that names a record and must be unique among its kind (QBO refuses a duplicate, 6240). */
export const NAME_FIELD = { Customer: "DisplayName", Item: "Name" } as const;

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
