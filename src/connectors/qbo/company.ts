import { z } from "zod";
import { err, ok, type Result } from "../../lib/result.ts";
import type { HttpClient, VendorError } from "../http-client.ts";

/** The Accounting API's minor version we speak (docs/vendors/quickbooks.md §4.8). */
export const MINOR_VERSION = 75;

const companyInfo = z.looseObject({
  CompanyInfo: z.looseObject({
    CompanyName: z.string(),
    Country: z.string().optional(),
    DefaultTimeZone: z.string().optional(),
  }),
});
const preferences = z.looseObject({
  Preferences: z.looseObject({
    SalesFormsPrefs: z.looseObject({ CustomTxnNumbers: z.boolean().optional() }).optional(),
    CurrencyPrefs: z
      .looseObject({
        MultiCurrencyEnabled: z.boolean().optional(),
        HomeCurrency: z.looseObject({ value: z.string() }).optional(),
      })
      .optional(),
  }),
});

export interface CompanySettings {
  companyName: string;
  country: string;
  homeCurrency: string;
  multiCurrency: boolean;
  /** I9: invoice creation is refused while this is on. */
  customTxnNumbers: boolean;
  /** An IANA zone; UTC when QBO names none we can use. */
  timeZone: string;
}

/**
 * Reads CompanyInfo and Preferences (docs/vendors/quickbooks.md §3.8–3.9): name, country (which decides the
 * tax model, I5), home currency and multicurrency (S4), custom transaction numbers (I9).
 * `http` is bound to the company (`…/v3/company/{realmId}`).
 */
export async function fetchCompanySettings(
  http: HttpClient,
  realmId: string,
): Promise<Result<CompanySettings, VendorError>> {
  const info = await http.request({
    method: "GET",
    path: `/companyinfo/${encodeURIComponent(realmId)}`,
    query: { minorversion: MINOR_VERSION },
    schema: companyInfo,
  });
  if (!info.ok) return info;
  const prefs = await http.request({
    method: "GET",
    path: "/preferences",
    query: { minorversion: MINOR_VERSION },
    schema: preferences,
  });
  if (!prefs.ok) return prefs;
  const currency = prefs.value.body.Preferences.CurrencyPrefs;
  const company = info.value.body.CompanyInfo;
  if (!company.CompanyName)
    return err({ kind: "malformed", retryable: false, message: "CompanyInfo has no name" });
  return ok({
    companyName: company.CompanyName,
    country: company.Country ?? "US",
    homeCurrency: currency?.HomeCurrency?.value ?? "USD",
    multiCurrency: currency?.MultiCurrencyEnabled ?? false,
    customTxnNumbers: prefs.value.body.Preferences.SalesFormsPrefs?.CustomTxnNumbers ?? false,
    timeZone: usableTimeZone(company.DefaultTimeZone),
  });
}

/** QBO's DefaultTimeZone when the runtime knows it as an IANA zone, else UTC. */
export function usableTimeZone(zone: string | undefined): string {
  if (!zone) return "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    return "UTC";
  }
}
