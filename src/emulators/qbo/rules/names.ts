import type { Entity, EntityName } from "../entities.ts";
import { refValue } from "../entities.ts";
import {
  asNumber,
  asText,
  compact,
  faults,
  money,
  ref,
  resolveRef,
  validation,
  type RuleContext,
} from "./common.ts";

/** Names are unique per list, inactive records included (docs/vendors/quickbooks.md §3.1, §3.2: 6240). */
function assertUniqueName(
  ctx: RuleContext,
  entity: EntityName,
  field: string,
  name: string,
  selfId?: string,
) {
  for (const id of ctx.company.idsNamed(entity, field, name)) {
    if (id !== selfId) throw faults.duplicateName();
  }
}

function assertLength(field: string, value: string | undefined, max: number) {
  if (value !== undefined && value.length > max) throw faults.stringLength(field, max);
}

/** Addresses get their own ids, as QBO's PhysicalAddress records do. */
function withAddressId(ctx: RuleContext, addr: unknown, previous: unknown): unknown {
  if (!addr || typeof addr !== "object") return addr;
  const prevId = previous && typeof previous === "object" ? (previous as Entity).Id : undefined;
  return {
    ...(addr as Entity),
    Id: (addr as Entity).Id ?? prevId ?? ctx.company.nextCounter("PhysicalAddress", 1),
  };
}

/** Open balance of a customer: open invoices less unapplied payments. */
export function customerBalance(ctx: Pick<RuleContext, "company">, customerId: string): number {
  let balance = 0;
  for (const invoice of ctx.company.table("Invoice").values()) {
    if (refValue(invoice.CustomerRef) === customerId) balance += Number(invoice.Balance ?? 0);
  }
  for (const payment of ctx.company.table("Payment").values()) {
    if (refValue(payment.CustomerRef) === customerId) balance -= Number(payment.UnappliedAmt ?? 0);
  }
  return money(balance);
}

export function currencyName(code: string): string {
  const names: Record<string, string> = {
    USD: "United States Dollar",
    GBP: "British Pound Sterling",
    EUR: "Euro",
    CAD: "Canadian Dollar",
    AUD: "Australian Dollar",
    JPY: "Japanese Yen",
    INR: "Indian Rupee",
  };
  return names[code] ?? code;
}

/**
 * Where a customer sits among its parents (`ParentRef`): `FullyQualifiedName` is the names from the
 * topmost parent down, colon-separated, and `Level` counts the parents (docs/vendors/quickbooks.md §3.1).
 * Derived on every read, so renaming a parent renames its sub-customers' qualified names.
 */
function placeInHierarchy(
  ctx: Pick<RuleContext, "company">,
  customer: Entity,
): { fullyQualifiedName: string; level: number } {
  const names = [String(customer.DisplayName)];
  const seen = new Set([String(customer.Id)]);
  let parentId = refValue(customer.ParentRef);
  while (parentId !== undefined && !seen.has(parentId)) {
    const parent = ctx.company.get("Customer", parentId);
    if (!parent) break;
    seen.add(parentId);
    names.unshift(String(parent.DisplayName));
    parentId = refValue(parent.ParentRef);
  }
  return { fullyQualifiedName: names.join(":"), level: names.length - 1 };
}

/** Intuit limits a customer hierarchy to 5 levels: Parent:Customer:Job:Sub-job (Level 0 to 4). */
const MAX_LEVEL = 4;

function resolveParent(ctx: RuleContext, draft: Entity, existing?: Entity): Entity | undefined {
  const parent = resolveRef(ctx, "Customer", draft.ParentRef, "ParentRef");
  if (!parent) return undefined;
  let cursor: Entity | undefined = parent;
  const seen = new Set<string>();
  while (cursor && !seen.has(String(cursor.Id))) {
    if (existing && String(cursor.Id) === String(existing.Id)) {
      throw faults.business("A customer can't be a sub-customer of itself or of its own sub-customers.");
    }
    seen.add(String(cursor.Id));
    const next = refValue(cursor.ParentRef);
    cursor = next === undefined ? undefined : ctx.company.get("Customer", next);
  }
  if (placeInHierarchy(ctx, parent).level + 1 > MAX_LEVEL) {
    throw faults.business("Sub-customers can be nested at most 5 levels deep.");
  }
  return parent;
}

export function prepareCustomer(ctx: RuleContext, draft: Entity, existing?: Entity): Entity {
  const parts = ["Title", "GivenName", "MiddleName", "FamilyName", "Suffix"].map((k) => asText(draft[k]));
  let displayName = asText(draft.DisplayName)?.trim();
  if (!displayName)
    displayName = parts
      .filter((p) => p && p.trim())
      .join(" ")
      .trim();
  if (!displayName) throw validation("6080", "No Name Provided", "Please provide a name for the customer.");
  assertLength("DisplayName", displayName, 500);
  for (const k of ["GivenName", "MiddleName", "FamilyName"]) assertLength(k, asText(draft[k]), 100);
  assertLength("Title", asText(draft.Title), 16);
  assertLength("Suffix", asText(draft.Suffix), 16);
  assertUniqueName(ctx, "Customer", "DisplayName", displayName, existing?.Id as string | undefined);

  const { settings } = ctx.company;
  const currency = refValue(draft.CurrencyRef) ?? refValue(existing?.CurrencyRef) ?? settings.homeCurrency;
  if (!settings.multiCurrency && currency !== settings.homeCurrency) {
    throw faults.business("Multicurrency is not turned on for this company.");
  }
  if (existing && refValue(existing.CurrencyRef) && refValue(existing.CurrencyRef) !== currency) {
    throw faults.business("You can't change the currency of a customer once it has been set.");
  }
  const active = draft.Active === undefined ? true : draft.Active !== false && draft.Active !== "false";
  if (existing && existing.Active !== false && !active && customerBalance(ctx, String(existing.Id)) !== 0) {
    throw validation(
      "6220",
      "Delete Entity Has Balance Error",
      "Delete List Has Balance Error : This customer cannot be deleted because it has a non-zero balance.",
    );
  }
  const term = resolveRef(ctx, "Term", draft.SalesTermRef, "SalesTermRef");
  const taxCode = resolveRef(ctx, "TaxCode", draft.DefaultTaxCodeRef, "DefaultTaxCodeRef");
  const parent = resolveParent(ctx, draft, existing);
  const place = parent
    ? placeInHierarchy(ctx, { DisplayName: displayName, Id: existing?.Id, ParentRef: { value: parent.Id } })
    : undefined;
  return compact({
    ...draft,
    DisplayName: displayName,
    FullyQualifiedName: place?.fullyQualifiedName ?? displayName,
    ParentRef: parent ? { value: String(parent.Id) } : undefined,
    // Intuit's examples show Level only on sub-customers (1 under a top-level customer).
    Level: place?.level,
    PrintOnCheckName: asText(draft.PrintOnCheckName) ?? displayName,
    Active: active,
    Taxable: draft.Taxable ?? (settings.country === "US" ? true : undefined),
    Job: draft.Job ?? false,
    BillWithParent: draft.BillWithParent ?? false,
    PreferredDeliveryMethod: draft.PreferredDeliveryMethod ?? "Print",
    BillAddr: withAddressId(ctx, draft.BillAddr, existing?.BillAddr),
    ShipAddr: withAddressId(ctx, draft.ShipAddr, existing?.ShipAddr),
    SalesTermRef: term ? ref(String(term.Id), term.Name) : undefined,
    DefaultTaxCodeRef: taxCode ? ref(String(taxCode.Id), taxCode.Name) : undefined,
    CurrencyRef: settings.multiCurrency ? { value: currency, name: currencyName(currency) } : undefined,
    // Balances are derived on every read (see presentCustomer).
    Balance: undefined,
    BalanceWithJobs: undefined,
  });
}

export function presentCustomer(ctx: Pick<RuleContext, "company">, customer: Entity): Entity {
  const balance = customerBalance(ctx, String(customer.Id));
  const shown: Entity = { ...customer, Balance: balance, BalanceWithJobs: balance };
  if (refValue(customer.ParentRef) === undefined) return shown;
  const place = placeInHierarchy(ctx, customer);
  return { ...shown, FullyQualifiedName: place.fullyQualifiedName, Level: place.level };
}

const ITEM_TYPES = new Set([
  "Inventory",
  "NonInventory",
  "Service",
  "Group",
  "Category",
  "Assembly",
  "Fixed Asset",
  "Other Charge",
  "Payment",
  "Subtotal",
  "Discount",
  "Tax",
  "Tax Group",
  "Bundle",
]);
const NEEDS_INCOME_ACCOUNT = new Set(["Service", "NonInventory", "Inventory", "Assembly", "Other Charge"]);

export function prepareItem(ctx: RuleContext, draft: Entity, existing?: Entity): Entity {
  const name = asText(draft.Name)?.trim();
  if (!name) throw faults.required("Required parameter Name is missing in the request", "Name");
  assertLength("Name", name, 100);
  assertLength("Sku", asText(draft.Sku), 100);
  assertUniqueName(ctx, "Item", "Name", name, existing?.Id as string | undefined);
  const type = asText(draft.Type) ?? "Service";
  if (!ITEM_TYPES.has(type)) throw faults.enumeration("Type", type);
  const income = resolveRef(ctx, "Account", draft.IncomeAccountRef, "IncomeAccountRef");
  if (NEEDS_INCOME_ACCOUNT.has(type) && !income) {
    throw faults.required(
      "Required parameter ExpenseAccountRef or IncomeAccountRef is missing in the request",
    );
  }
  const expense = resolveRef(ctx, "Account", draft.ExpenseAccountRef, "ExpenseAccountRef");
  const asset = resolveRef(ctx, "Account", draft.AssetAccountRef, "AssetAccountRef");
  if (type === "Inventory") {
    const missing = ["AssetAccountRef", "ExpenseAccountRef", "QtyOnHand", "InvStartDate"].filter(
      (k) => draft[k] === undefined,
    );
    if (missing.length > 0 || draft.TrackQtyOnHand !== true) {
      throw faults.required(`Required parameter ${missing[0] ?? "TrackQtyOnHand"} is missing in the request`);
    }
  }
  return compact({
    ...draft,
    Name: name,
    FullyQualifiedName: name,
    Type: type,
    Active: draft.Active === undefined ? true : draft.Active !== false,
    Taxable: draft.Taxable ?? false,
    SalesTaxIncluded: draft.SalesTaxIncluded ?? false,
    UnitPrice: asNumber(draft.UnitPrice, "UnitPrice") ?? 0,
    PurchaseCost: asNumber(draft.PurchaseCost, "PurchaseCost") ?? 0,
    TrackQtyOnHand: draft.TrackQtyOnHand ?? false,
    IncomeAccountRef: income ? ref(String(income.Id), income.Name) : undefined,
    ExpenseAccountRef: expense ? ref(String(expense.Id), expense.Name) : undefined,
    AssetAccountRef: asset ? ref(String(asset.Id), asset.Name) : undefined,
  });
}

const CLASSIFICATION: Record<string, string> = {
  Bank: "Asset",
  "Accounts Receivable": "Asset",
  "Other Current Asset": "Asset",
  "Fixed Asset": "Asset",
  "Other Asset": "Asset",
  "Accounts Payable": "Liability",
  "Credit Card": "Liability",
  "Other Current Liability": "Liability",
  "Long Term Liability": "Liability",
  Equity: "Equity",
  Income: "Revenue",
  "Other Income": "Revenue",
  "Cost of Goods Sold": "Expense",
  Expense: "Expense",
  "Other Expense": "Expense",
};

export function prepareAccount(ctx: RuleContext, draft: Entity, existing?: Entity): Entity {
  const name = asText(draft.Name)?.trim();
  if (!name) throw faults.required("Required parameter Name is missing in the request", "Name");
  assertUniqueName(ctx, "Account", "Name", name, existing?.Id as string | undefined);
  const type = asText(draft.AccountType);
  if (!type) throw faults.required("Required parameter AccountType is missing in the request", "AccountType");
  const classification = CLASSIFICATION[type];
  if (!classification) throw validation("6010", "Invalid account type", `Invalid account type: ${type}`);
  const currency = refValue(draft.CurrencyRef) ?? ctx.company.settings.homeCurrency;
  return compact({
    ...draft,
    Name: name,
    FullyQualifiedName: name,
    AccountType: type,
    Classification: classification,
    SubAccount: draft.SubAccount ?? false,
    Active: draft.Active === undefined ? true : draft.Active !== false,
    CurrentBalance: asNumber(existing?.CurrentBalance, "CurrentBalance") ?? 0,
    CurrentBalanceWithSubAccounts: asNumber(existing?.CurrentBalanceWithSubAccounts, "x") ?? 0,
    CurrencyRef: { value: currency, name: currencyName(currency) },
  });
}

export function prepareTerm(ctx: RuleContext, draft: Entity, existing?: Entity): Entity {
  const name = asText(draft.Name)?.trim();
  if (!name) throw faults.required("Required parameter Name is missing in the request", "Name");
  assertUniqueName(ctx, "Term", "Name", name, existing?.Id as string | undefined);
  const dueDays = asNumber(draft.DueDays, "DueDays");
  const dayOfMonth = asNumber(draft.DayOfMonthDue, "DayOfMonthDue");
  if (dueDays === undefined && dayOfMonth === undefined) {
    throw faults.required("Required parameter DueDays is missing in the request", "DueDays");
  }
  if (dayOfMonth !== undefined && (dayOfMonth < 1 || dayOfMonth > 31)) {
    throw faults.invalidProperty("DayOfMonthDue must be between 1 and 31", "DayOfMonthDue");
  }
  return compact({
    ...draft,
    Name: name,
    Active: draft.Active === undefined ? true : draft.Active !== false,
    // Intuit's JSON samples spell the read-only Type in capitals (docs/vendors/quickbooks.md §3.7).
    Type: dueDays !== undefined ? "STANDARD" : "DATE_DRIVEN",
  });
}
