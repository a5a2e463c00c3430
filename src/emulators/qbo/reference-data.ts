import { currencyName } from "./rules/names.ts";

type Entity = Record<string, unknown>;

export interface ReferenceData {
  accounts: Entity[];
  terms: Entity[];
  taxCodes: Entity[];
  taxRates: Entity[];
}

interface RateSpec {
  name: string;
  code: string;
  description: string;
  rate: number;
  special?: "ZERO_RATE";
}

/**
 * Sales tax outside the US (quickbooks.md §11.2): codes a line refers to, each pointing at one or
 * more rates. US companies have none of these: their lines carry the TAX/NON pseudo-codes (§11.3).
 */
const TAX_BY_COUNTRY: Record<string, RateSpec[]> = {
  GB: [
    { name: "20.0% S", code: "SS-20.0", description: "Standard", rate: 20 },
    { name: "5.0% R", code: "SR-5.0", description: "Reduced", rate: 5 },
    { name: "0.0% Z", code: "SZ-0.0", description: "Zero-rated", rate: 0, special: "ZERO_RATE" },
    { name: "Exempt", code: "SE-0.0", description: "Exempt", rate: 0, special: "ZERO_RATE" },
  ],
  CA: [
    { name: "GST", code: "GST", description: "Goods and Services Tax", rate: 5 },
    { name: "HST ON", code: "HST ON", description: "Harmonized Sales Tax, Ontario", rate: 13 },
    { name: "Zero-rated", code: "Zero-rated", description: "Zero-rated", rate: 0, special: "ZERO_RATE" },
    { name: "Exempt", code: "Exempt", description: "Exempt", rate: 0, special: "ZERO_RATE" },
  ],
  AU: [
    { name: "GST", code: "GST (sales)", description: "GST on sales", rate: 10 },
    {
      name: "GST free",
      code: "GST free (sales)",
      description: "GST-free sales",
      rate: 0,
      special: "ZERO_RATE",
    },
  ],
};

const GENERIC_TAX: RateSpec[] = [
  { name: "Standard", code: "Standard", description: "Standard rate", rate: 20 },
  { name: "Zero", code: "Zero", description: "Zero rate", rate: 0, special: "ZERO_RATE" },
];

function accounts(country: string, currency: string): Entity[] {
  const cur = { value: currency, name: currencyName(currency) };
  const rows: Array<[string, string, string, string]> = [
    ["Services", "Income", "ServiceFeeIncome", "Revenue"],
    ["Sales of Product Income", "Income", "SalesOfProductIncome", "Revenue"],
    ["Accounts Receivable (A/R)", "Accounts Receivable", "AccountsReceivable", "Asset"],
    ["Undeposited Funds", "Other Current Asset", "UndepositedFunds", "Asset"],
    ["Checking", "Bank", "Checking", "Asset"],
    ["Inventory Asset", "Other Current Asset", "Inventory", "Asset"],
    ["Cost of Goods Sold", "Cost of Goods Sold", "SuppliesMaterialsCogs", "Expense"],
    ["Advertising", "Expense", "AdvertisingPromotional", "Expense"],
    ["Office Expenses", "Expense", "OfficeGeneralAdministrativeExpenses", "Expense"],
  ];
  if (country !== "US")
    rows.push([
      country === "GB" ? "VAT Control" : "Sales Tax Payable",
      "Other Current Liability",
      "GlobalTaxPayable",
      "Liability",
    ]);
  return rows.map(([Name, AccountType, AccountSubType, Classification], i) => ({
    Id: String(i + 1),
    Name,
    FullyQualifiedName: Name,
    AccountType,
    AccountSubType,
    Classification,
    Active: true,
    SubAccount: false,
    CurrentBalance: 0,
    CurrentBalanceWithSubAccounts: 0,
    CurrencyRef: cur,
  }));
}

function terms(): Entity[] {
  const standard = [
    ["Due on receipt", 0],
    ["Net 15", 15],
    ["Net 30", 30],
    ["Net 60", 60],
  ] as const;
  return [
    ...standard.map(([Name, DueDays], i) => ({
      Id: String(i + 1),
      Name,
      Active: true,
      Type: "STANDARD",
      DueDays,
      DiscountDays: 0,
      DiscountPercent: 0,
    })),
    {
      Id: "5",
      Name: "Due end of month",
      Active: true,
      Type: "DATE_DRIVEN",
      DayOfMonthDue: 31,
      DueNextMonthDays: 0,
      DiscountDayOfMonth: 0,
      DiscountPercent: 0,
    },
  ];
}

/** What a new company has before anyone touches it: accounts, terms, and tax outside the US. */
export function referenceData(opts: { country: string; homeCurrency: string }): ReferenceData {
  const specs = opts.country === "US" ? [] : (TAX_BY_COUNTRY[opts.country] ?? GENERIC_TAX);
  const taxRates = specs.map((s, i) => ({
    Id: String(i + 1),
    Name: s.code,
    Description: s.description,
    Active: true,
    RateValue: s.rate,
    AgencyRef: { value: "1" },
    SpecialTaxType: s.special ?? "NONE",
    DisplayType: "ReadOnly",
    EffectiveTaxRate: [{ RateValue: s.rate, EffectiveDate: "2020-01-01T00:00:00Z" }],
  }));
  const taxCodes = specs.map((s, i) => ({
    Id: String(i + 1),
    Name: s.name,
    Description: s.description,
    Active: true,
    Hidden: false,
    Taxable: s.rate > 0,
    TaxGroup: false,
    SalesTaxRateList: {
      TaxRateDetail: [
        { TaxRateRef: { value: String(i + 1), name: s.code }, TaxTypeApplicable: "TaxOnAmount", TaxOrder: 0 },
      ],
    },
    PurchaseTaxRateList: { TaxRateDetail: [] },
  }));
  return { accounts: accounts(opts.country, opts.homeCurrency), terms: terms(), taxCodes, taxRates };
}
