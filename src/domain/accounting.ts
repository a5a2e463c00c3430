/**
 * The QuickBooks side of Ledgerlink in our own words: what the engine reads from QBO, camelCase,
 * ids as strings, money as numbers (the engine rounds to cents where it compares), calendar
 * dates as `YYYY-MM-DD` exactly as QBO gives them, timestamps as Date. Built by the mappers in
 * connectors/qbo/wire/; nothing here knows QBO's field names.
 */

/** A reference to another record (QBO's `{ value, name }`). */
export interface Ref {
  id: string;
  name?: string;
}

export interface Address {
  line1?: string;
  line2?: string;
  city?: string;
  /** State, province or county (QBO's CountrySubDivisionCode). */
  region?: string;
  postalCode?: string;
  country?: string;
}

export interface Customer {
  id: string;
  syncToken?: string;
  displayName: string;
  givenName?: string;
  familyName?: string;
  companyName?: string;
  email?: string;
  phone?: string;
  mobile?: string;
  website?: string;
  billAddress?: Address;
  notes?: string;
  active: boolean;
  /** Absent when multicurrency is off: the company's home currency applies. */
  currency?: string;
  /** Open balance (read-only in QBO). */
  balance: number;
  termId?: string;
  /** Sub-customers (jobs) name their parent. */
  parentId?: string;
  updatedAt?: Date;
}

export interface Item {
  id: string;
  syncToken?: string;
  name: string;
  /** Service, NonInventory, Inventory, Category or Group. */
  type?: string;
  /** Categories and bundles cannot be an invoice line. */
  sellable: boolean;
  sku?: string;
  unitPrice: number;
  description?: string;
  taxCodeId?: string;
  taxable?: boolean;
  active: boolean;
  incomeAccountId?: string;
  qtyOnHand?: number;
  updatedAt?: Date;
}

export interface TaxCode {
  id: string;
  name: string;
  description?: string;
  active: boolean;
  taxable?: boolean;
}

/** A ledger account; new items are booked to an income one. */
export interface Account {
  id: string;
  /** Empty when QBO sent none. */
  name: string;
  /** QBO's account type, e.g. `Income`. */
  type?: string;
}

export interface Term {
  id: string;
  name: string;
  active: boolean;
  dueDays?: number;
  dayOfMonthDue?: number;
  dueNextMonthDays?: number;
}

/** One sales line (item line) of an invoice or estimate; subtotal and discount lines are left out. */
export interface SalesLine {
  id?: string;
  lineNum?: number;
  itemId?: string;
  itemName?: string;
  description?: string;
  quantity: number;
  unitPrice: number;
  amount: number;
  taxCodeId?: string;
}

export interface Invoice {
  id: string;
  syncToken?: string;
  docNumber?: string;
  customer: Ref;
  /** Absent when multicurrency is off: the company's home currency applies. */
  currency?: string;
  txnDate?: string;
  dueDate?: string;
  totalAmt: number;
  balance: number;
  totalTax?: number;
  /** NotSet | NeedToSend | EmailSent. */
  emailStatus?: string;
  /** NotSet | NeedToPrint | PrintComplete. */
  printStatus?: string;
  /** Set once QBO has delivered it. */
  deliveredAt?: string;
  billEmail?: string;
  privateNote?: string;
  customerMemo?: string;
  termId?: string;
  lines: SalesLine[];
  updatedAt?: Date;
}

export interface Estimate {
  id: string;
  docNumber?: string;
  customer: Ref;
  currency?: string;
  txnDate?: string;
  expirationDate?: string;
  /** Pending | Accepted | Closed | Rejected. */
  status?: string;
  totalAmt: number;
  emailStatus?: string;
  billEmail?: string;
  lines: SalesLine[];
  updatedAt?: Date;
}

export interface Payment {
  id: string;
  customerId?: string;
  txnDate: string;
  currency?: string;
  totalAmt?: number;
  unappliedAmt?: number;
  /** Amount applied per invoice id, lines to the same invoice summed to the cent. */
  applied: Array<{ invoiceId: string; amount: number }>;
  updatedAt: Date;
}

/** A CDC entry for a deleted record: only its id and when (QBO's `status: "Deleted"`). */
export interface Tombstone {
  id: string;
  deleted: true;
  updatedAt?: Date;
}

export interface CompanyProfile {
  companyName: string;
  legalName?: string;
  country?: string;
  /** QBO's DefaultTimeZone as given; callers check it is a usable IANA zone. */
  timeZone?: string;
  email?: string;
}

export interface CompanyPreferences {
  customTxnNumbers: boolean;
  multiCurrency: boolean;
  homeCurrency?: string;
  usingSalesTax?: boolean;
  defaultTermId?: string;
}
