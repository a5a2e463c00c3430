import type { Entity, EntityName } from "./entities.ts";
import { referenceData } from "./reference-data.ts";
import { currencyName } from "./rules/names.ts";
import { Company, type CompanySettings } from "./store.ts";
import { companyDate, defaultTimeZone } from "./time.ts";

export interface NewCompany {
  realmId: string;
  name: string;
  country: string;
  homeCurrency?: string;
  multiCurrency?: boolean;
  customTxnNumbers?: boolean;
  timeZone?: string;
}

const CURRENCY_BY_COUNTRY: Record<string, string> = {
  US: "USD",
  GB: "GBP",
  CA: "CAD",
  AU: "AUD",
  IN: "INR",
  FR: "EUR",
  DE: "EUR",
  IE: "EUR",
  NZ: "NZD",
};

export function homeCurrencyFor(country: string): string {
  return CURRENCY_BY_COUNTRY[country] ?? "USD";
}

/**
 * A new company as QBO sets one up: its chart of accounts, terms and (outside the US) tax codes
 * and rates, plus the CompanyInfo and Preferences objects every client reads first.
 */
export function createCompany(opts: NewCompany, now: Date): Company {
  const homeCurrency = opts.homeCurrency ?? homeCurrencyFor(opts.country);
  const settings: CompanySettings = {
    realmId: opts.realmId,
    name: opts.name,
    country: opts.country,
    homeCurrency,
    multiCurrency: opts.multiCurrency ?? false,
    customTxnNumbers: opts.customTxnNumbers ?? false,
    timeZone: opts.timeZone ?? defaultTimeZone(opts.country),
  };
  const company = new Company(settings);
  const data = referenceData({ country: opts.country, homeCurrency });
  const load = (entity: EntityName, rows: Entity[]) => {
    for (const row of rows) company.put(entity, row, now, "Create");
  };
  load("Account", data.accounts);
  load("Term", data.terms);
  load("TaxRate", data.taxRates);
  load("TaxCode", data.taxCodes);
  const net30 = data.terms.find((t) => Number(t.DueDays) === 30);
  const income = data.accounts.find((a) => a.AccountType === "Income");
  company.put("CompanyInfo", companyInfo(settings, now), now, "Create");
  company.put(
    "Preferences",
    {
      Id: "1",
      SalesFormsPrefs: {
        CustomTxnNumbers: settings.customTxnNumbers,
        AllowDiscount: true,
        AllowEstimates: true,
        AllowServiceDate: true,
        ETransactionEnabledStatus: "Enabled",
        ...(net30 ? { DefaultTerms: { value: String(net30.Id) } } : {}),
      },
      CurrencyPrefs: {
        MultiCurrencyEnabled: settings.multiCurrency,
        HomeCurrency: { value: homeCurrency },
      },
      TaxPrefs: { UsingSalesTax: true, PartnerTaxEnabled: opts.country === "US" },
      EmailMessagesPrefs: {
        InvoiceMessage: {
          Subject: "Invoice [Invoice No.] from [Company Name]",
          Message: "Dear [Customer Name],\n\nHere's your invoice! We appreciate your prompt payment.",
        },
      },
      OtherPrefs: {
        NameValue: income ? [{ Name: "UncategorizedIncomeAccountId", Value: String(income.Id) }] : [],
      },
    },
    now,
    "Create",
  );
  // Setting up a company is not a change anyone is notified about.
  company.drainEvents();
  return company;
}

function companyInfo(settings: CompanySettings, now: Date): Entity {
  const address = { Id: "1", Line1: "1 Market Street", City: "Springfield", Country: settings.country };
  return {
    Id: "1",
    CompanyName: settings.name,
    LegalName: settings.name,
    CompanyAddr: address,
    LegalAddr: address,
    CustomerCommunicationAddr: address,
    Country: settings.country,
    FiscalYearStartMonth: "January",
    CompanyStartDate: companyDate(now, settings.timeZone),
    Email: { Address: "owner@example.com" },
    SupportedLanguages: "en",
    DefaultTimeZone: settings.timeZone,
    NameValue: [
      { Name: "OfferingSku", Value: "QuickBooks Online Plus" },
      { Name: "SubscriptionStatus", Value: "SUBSCRIBED" },
      { Name: "NeoEnabled", Value: "true" },
      { Name: "HomeCurrency", Value: `${settings.homeCurrency} (${currencyName(settings.homeCurrency)})` },
    ],
  };
}
