import { z } from "zod";
import type { CompanyPreferences, CompanyProfile } from "../../../domain/accounting.ts";
import { compact, emailAddr, text } from "./common.ts";
import { wireParser } from "./parse.ts";

/**
 * CompanyInfo (https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/companyinfo)
 * and Preferences (https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/preferences):
 * the country decides the tax model, the currency prefs multicurrency, CustomTxnNumbers whether
 * QBO numbers our invoices.
 */
export const companyInfoWire = z.looseObject({
  CompanyName: z.string().min(1),
  LegalName: z.string().optional(),
  Country: z.string().optional(),
  DefaultTimeZone: z.string().optional(),
  Email: emailAddr.optional(),
});
export type CompanyInfoWire = z.output<typeof companyInfoWire>;

export function toCompanyProfile(c: CompanyInfoWire): CompanyProfile {
  return compact({
    companyName: c.CompanyName,
    legalName: text(c.LegalName),
    country: text(c.Country),
    timeZone: text(c.DefaultTimeZone),
    email: text(c.Email?.Address),
  });
}

export const preferencesWire = z.looseObject({
  SalesFormsPrefs: z
    .looseObject({
      CustomTxnNumbers: z.boolean().optional(),
      DefaultTerms: z.looseObject({ value: z.string() }).optional(),
    })
    .optional(),
  CurrencyPrefs: z
    .looseObject({
      MultiCurrencyEnabled: z.boolean().optional(),
      HomeCurrency: z.looseObject({ value: z.string() }).optional(),
    })
    .optional(),
  TaxPrefs: z.looseObject({ UsingSalesTax: z.boolean().optional() }).optional(),
});
export type PreferencesWire = z.output<typeof preferencesWire>;

export function toPreferences(p: PreferencesWire): CompanyPreferences {
  return compact({
    customTxnNumbers: p.SalesFormsPrefs?.CustomTxnNumbers ?? false,
    multiCurrency: p.CurrencyPrefs?.MultiCurrencyEnabled ?? false,
    homeCurrency: text(p.CurrencyPrefs?.HomeCurrency?.value)?.toUpperCase(),
    usingSalesTax: p.TaxPrefs?.UsingSalesTax,
    defaultTermId: text(p.SalesFormsPrefs?.DefaultTerms?.value),
  });
}

export const parseCompanyProfile = wireParser("CompanyInfo", companyInfoWire, toCompanyProfile).one;
export const parsePreferences = wireParser("Preferences", preferencesWire, toPreferences).one;
