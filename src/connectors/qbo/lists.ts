import type { HttpClient, VendorError } from "../http-client.ts";
import { ok, type Result } from "../../lib/result.ts";
import { queryAll, queryPage, type QboEntity } from "./client.ts";

/** The QBO lists the wizard offers (docs/vendors/quickbooks.md §3): customers, items, tax codes, terms. */
export interface QboCustomer {
  id: string;
  displayName: string;
  companyName?: string;
  email?: string;
  active: boolean;
  currency?: string;
}
export interface QboItem {
  id: string;
  name: string;
  sku?: string;
  unitPrice: number;
  description?: string;
  taxCodeId?: string;
}
export interface QboTaxCode {
  id: string;
  name: string;
}
export interface QboTerm {
  id: string;
  name: string;
  dueDays?: number;
  dayOfMonthDue?: number;
  dueNextMonthDays?: number;
}

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
const num = (v: unknown) => (typeof v === "number" ? v : undefined);
const refValue = (v: unknown) => str((v as { value?: unknown } | undefined)?.value);

export function toCustomer(c: QboEntity): QboCustomer {
  return {
    id: c.Id,
    displayName: String(c.DisplayName ?? ""),
    companyName: str(c.CompanyName),
    email: str((c.PrimaryEmailAddr as { Address?: unknown } | undefined)?.Address),
    active: c.Active !== false,
    currency: refValue(c.CurrencyRef),
  };
}

export function toItem(i: QboEntity): QboItem {
  return {
    id: i.Id,
    name: String(i.Name ?? ""),
    sku: str(i.Sku),
    unitPrice: num(i.UnitPrice) ?? 0,
    description: str(i.Description),
    taxCodeId: refValue(i.SalesTaxCodeRef),
  };
}

/** Active customers (the matching set, I3); inactive ones only matter for name uniqueness. */
export async function activeCustomers(http: HttpClient): Promise<Result<QboCustomer[], VendorError>> {
  const res = await queryAll(http, {
    entity: "Customer",
    where: [["Active", "=", true]],
    orderBy: { field: "DisplayName" },
  });
  return res.ok ? ok(res.value.rows.map(toCustomer)) : res;
}

/** Customers whose name contains `text` (the searchable list, I3), at most 50. */
export async function searchCustomers(
  http: HttpClient,
  text: string,
): Promise<Result<QboCustomer[], VendorError>> {
  const res = await queryPage(http, {
    entity: "Customer",
    where: [
      ["DisplayName", "LIKE", `%${text}%`],
      ["Active", "=", true],
    ],
    orderBy: { field: "DisplayName" },
    maxResults: 50,
  });
  return res.ok ? ok(res.value.rows.map(toCustomer)) : res;
}

/** Services, non-inventory and inventory items can be a line; categories and bundles cannot. */
const sellable = (rows: QboEntity[]) =>
  rows.filter((i) => i.Type !== "Category" && i.Type !== "Group").map(toItem);

/** Every active sellable item (the per-line product lists, I4). */
export async function activeItems(http: HttpClient): Promise<Result<QboItem[], VendorError>> {
  const res = await queryAll(http, {
    entity: "Item",
    where: [["Active", "=", true]],
    orderBy: { field: "Name" },
  });
  return res.ok ? ok(sellable(res.value.rows)) : res;
}

/** "Add products from QuickBooks": active sellable items whose name contains `text`, at most 100. */
export async function searchItems(http: HttpClient, text: string): Promise<Result<QboItem[], VendorError>> {
  const res = await queryPage(http, {
    entity: "Item",
    where: [
      ["Name", "LIKE", `%${text}%`],
      ["Active", "=", true],
    ],
    orderBy: { field: "Name" },
    maxResults: 100,
  });
  return res.ok ? ok(sellable(res.value.rows)) : res;
}

/** Every DisplayName starting with `prefix`, inactive customers included (QBO's 6240 counts them). */
export async function displayNamesLike(
  http: HttpClient,
  prefix: string,
): Promise<Result<string[], VendorError>> {
  const res = await queryAll(http, {
    entity: "Customer",
    where: [
      ["DisplayName", "LIKE", `${prefix}%`],
      ["Active", "IN", [true, false]],
    ],
  });
  return res.ok ? ok(res.value.rows.map((r) => String(r.DisplayName ?? ""))) : res;
}

export async function activeTaxCodes(http: HttpClient): Promise<Result<QboTaxCode[], VendorError>> {
  const res = await queryAll(http, { entity: "TaxCode", where: [["Active", "=", true]] });
  return res.ok ? ok(res.value.rows.map((c) => ({ id: c.Id, name: String(c.Name ?? c.Id) }))) : res;
}

export async function activeTerms(http: HttpClient): Promise<Result<QboTerm[], VendorError>> {
  const res = await queryAll(http, { entity: "Term", where: [["Active", "=", true]] });
  if (!res.ok) return res;
  return ok(
    res.value.rows.map((t) => ({
      id: t.Id,
      name: String(t.Name ?? t.Id),
      dueDays: num(t.DueDays),
      dayOfMonthDue: num(t.DayOfMonthDue),
      dueNextMonthDays: num(t.DueNextMonthDays),
    })),
  );
}
