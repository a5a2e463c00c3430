import { z } from "zod";
import type { Customer } from "../../../domain/accounting.ts";
import {
  compact,
  emailAddr,
  entityBase,
  money,
  phoneNumber,
  physicalAddress,
  ref,
  text,
  timestamp,
  toAddress,
  webAddr,
} from "./common.ts";
import { wireParser } from "./parse.ts";

/**
 * A QBO Customer as we read it
 * (https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/customer).
 * DisplayName is required and unique across customers, inactive ones included.
 */
export const customerWire = z.looseObject({
  ...entityBase,
  DisplayName: z.string(),
  GivenName: z.string().optional(),
  FamilyName: z.string().optional(),
  CompanyName: z.string().optional(),
  PrimaryEmailAddr: emailAddr.optional(),
  PrimaryPhone: phoneNumber.optional(),
  Mobile: phoneNumber.optional(),
  WebAddr: webAddr.optional(),
  BillAddr: physicalAddress.optional(),
  Notes: z.string().optional(),
  Active: z.boolean().optional(),
  CurrencyRef: ref.optional(),
  Balance: money.optional(),
  SalesTermRef: ref.optional(),
  ParentRef: ref.optional(),
});
export type CustomerWire = z.output<typeof customerWire>;

export function toCustomer(c: CustomerWire): Customer {
  return compact({
    id: c.Id,
    syncToken: c.SyncToken,
    displayName: c.DisplayName,
    givenName: text(c.GivenName),
    familyName: text(c.FamilyName),
    companyName: text(c.CompanyName),
    email: text(c.PrimaryEmailAddr?.Address),
    phone: text(c.PrimaryPhone?.FreeFormNumber),
    mobile: text(c.Mobile?.FreeFormNumber),
    website: text(c.WebAddr?.URI),
    billAddress: toAddress(c.BillAddr),
    notes: text(c.Notes),
    // QBO omits Active on some older records; only an explicit false is inactive.
    active: c.Active !== false,
    currency: c.CurrencyRef?.value,
    balance: c.Balance ?? 0,
    termId: c.SalesTermRef?.value,
    parentId: c.ParentRef?.value,
    updatedAt: timestamp(c.MetaData?.LastUpdatedTime),
  });
}

const parser = wireParser("Customer", customerWire, toCustomer);
export const parseCustomer = parser.one;
export const parseCustomers = parser.list;
export const partitionCustomers = parser.each;

/** What a new customer is made of (the wizard's "Create a new QuickBooks customer", W2). */
export interface NewCustomer {
  displayName: string;
  givenName?: string;
  familyName?: string;
  companyName?: string;
  email?: string;
  phone?: string;
  currency?: string;
}

/** `POST /customer` body; empty fields are left out rather than sent blank. */
export function customerBody(c: NewCustomer): Record<string, unknown> {
  return {
    DisplayName: c.displayName,
    ...(c.givenName ? { GivenName: c.givenName } : {}),
    ...(c.familyName ? { FamilyName: c.familyName } : {}),
    ...(c.companyName ? { CompanyName: c.companyName } : {}),
    ...(c.email ? { PrimaryEmailAddr: { Address: c.email } } : {}),
    ...(c.phone ? { PrimaryPhone: { FreeFormNumber: c.phone } } : {}),
    ...(c.currency ? { CurrencyRef: { value: c.currency } } : {}),
  };
}

/**
 * The changed fields of a sparse update (`sparse: true`: fields not sent are kept;
 * https://developer.intuit.com/app/developer/qbo/docs/learn/explore-the-quickbooks-online-api/data-queries#sparse-update).
 * Id and SyncToken are added by connectors/qbo/write.ts. `""` clears a text field.
 */
export function customerChanges(
  change: Partial<Omit<NewCustomer, "currency">> & { active?: boolean },
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (change.displayName !== undefined) out.DisplayName = change.displayName;
  if (change.givenName !== undefined) out.GivenName = change.givenName;
  if (change.familyName !== undefined) out.FamilyName = change.familyName;
  if (change.companyName !== undefined) out.CompanyName = change.companyName;
  if (change.email !== undefined) out.PrimaryEmailAddr = { Address: change.email };
  if (change.phone !== undefined) out.PrimaryPhone = { FreeFormNumber: change.phone };
  if (change.active !== undefined) out.Active = change.active;
  return out;
}

/** Making a customer or item inactive is QBO's delete for lists (C2/P3's archive rule). */
export const deactivateChanges = (): Record<string, unknown> => ({ Active: false });
