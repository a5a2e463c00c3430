import { currencyName } from "./rules/names.ts";

type Entity = Record<string, unknown>;

export interface ReferenceData {
  accounts: Entity[];
  terms: Entity[];
  taxCodes: Entity[];
  taxRates: Entity[];
  /** The agencies the rates' AgencyRef point at (the emulator does not serve TaxAgency yet). */
  taxAgencies: Entity[];
}

interface RateSpec {
  /** The TaxRate's Name, which TaxRateRef.name repeats. */
  name: string;
  description: string;
  rate: number;
  agency: string;
  special?: "ZERO_RATE";
}

interface CodeSpec {
  name: string;
  description: string;
  /** Names of the rates on its SalesTaxRateList; two or more make it a group (GST + PST). */
  rates: string[];
}

interface TaxModel {
  rates: RateSpec[];
  codes: CodeSpec[];
}

/** One code per rate, named after it: the usual shape outside Canada's combined codes. */
function simpleModel(specs: Array<{ code: string } & RateSpec>): TaxModel {
  return {
    rates: specs.map(({ code: _code, ...rate }) => rate),
    codes: specs.map((s) => ({ name: s.code, description: s.description, rates: [s.name] })),
  };
}

const HMRC = "HM Revenue & Customs";
const CRA = "Canada Revenue Agency";

/**
 * Sales tax outside the US (docs/vendors/quickbooks.md §11.2): codes a line refers to, each pointing at one
 * or more rates. US companies have none of these: their lines carry the TAX/NON pseudo-codes (§11.3),
 * which are not entities, and automated sales tax computes the rest.
 * GB names follow QBO UK (§3.6: code "20.0% S" → sales rate "SS-20.0"); "No VAT" is QBO UK's code
 * for sales outside the scope of VAT, given a 0% rate here so that it is usable on a sale (§11.2).
 */
const TAX_BY_COUNTRY: Record<string, TaxModel> = {
  GB: simpleModel([
    { code: "20.0% S", name: "SS-20.0", description: "Standard", rate: 20, agency: HMRC },
    { code: "5.0% R", name: "SR-5.0", description: "Reduced", rate: 5, agency: HMRC },
    {
      code: "0.0% Z",
      name: "SZ-0.0",
      description: "Zero-rated",
      rate: 0,
      agency: HMRC,
      special: "ZERO_RATE",
    },
    { code: "Exempt", name: "SE-0.0", description: "Exempt", rate: 0, agency: HMRC, special: "ZERO_RATE" },
    { code: "No VAT", name: "NO VAT", description: "No VAT", rate: 0, agency: HMRC, special: "ZERO_RATE" },
  ]),
  CA: {
    rates: [
      { name: "GST", description: "Goods and Services Tax", rate: 5, agency: CRA },
      { name: "HST ON", description: "Harmonized Sales Tax, Ontario", rate: 13, agency: CRA },
      {
        name: "PST BC",
        description: "Provincial Sales Tax, British Columbia",
        rate: 7,
        agency: "Minister of Finance (BC)",
      },
      { name: "Zero-rated", description: "Zero-rated", rate: 0, agency: CRA, special: "ZERO_RATE" },
      { name: "Exempt", description: "Exempt", rate: 0, agency: CRA, special: "ZERO_RATE" },
    ],
    codes: [
      { name: "GST", description: "GST", rates: ["GST"] },
      { name: "HST ON", description: "HST Ontario", rates: ["HST ON"] },
      { name: "GST/PST BC", description: "GST and PST, British Columbia", rates: ["GST", "PST BC"] },
      { name: "PST BC", description: "PST British Columbia", rates: ["PST BC"] },
      { name: "Zero-rated", description: "Zero-rated", rates: ["Zero-rated"] },
      { name: "Exempt", description: "Exempt", rates: ["Exempt"] },
    ],
  },
  AU: simpleModel([
    {
      code: "GST",
      name: "GST (sales)",
      description: "GST on sales",
      rate: 10,
      agency: "Australian Taxation Office",
    },
    {
      code: "GST free",
      name: "GST free (sales)",
      description: "GST-free sales",
      rate: 0,
      agency: "Australian Taxation Office",
      special: "ZERO_RATE",
    },
  ]),
};

const GENERIC_TAX: TaxModel = simpleModel([
  { code: "Standard", name: "Standard", description: "Standard rate", rate: 20, agency: "Tax authority" },
  {
    code: "Zero",
    name: "Zero",
    description: "Zero rate",
    rate: 0,
    agency: "Tax authority",
    special: "ZERO_RATE",
  },
]);

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

function tax(country: string): Pick<ReferenceData, "taxCodes" | "taxRates" | "taxAgencies"> {
  const model = country === "US" ? { rates: [], codes: [] } : (TAX_BY_COUNTRY[country] ?? GENERIC_TAX);
  const agencies = [...new Set(model.rates.map((r) => r.agency))];
  const agencyId = (name: string) => String(agencies.indexOf(name) + 1);
  const rateId = new Map(model.rates.map((r, i) => [r.name, String(i + 1)]));
  const taxAgencies = agencies.map((DisplayName, i) => ({
    Id: String(i + 1),
    DisplayName,
    Active: true,
    TaxTrackedOnSales: true,
    TaxTrackedOnPurchases: false,
  }));
  const taxRates = model.rates.map((r) => ({
    Id: rateId.get(r.name),
    Name: r.name,
    Description: r.description,
    Active: true,
    RateValue: r.rate,
    AgencyRef: { value: agencyId(r.agency) },
    SpecialTaxType: r.special ?? "NONE",
    DisplayType: "ReadOnly",
    EffectiveTaxRate: [{ RateValue: r.rate, EffectiveDate: "2020-01-01T00:00:00Z" }],
  }));
  const taxCodes = model.codes.map((c, i) => ({
    Id: String(i + 1),
    Name: c.name,
    Description: c.description,
    Active: true,
    Hidden: false,
    Taxable: c.rates.some((name) => (model.rates.find((r) => r.name === name)?.rate ?? 0) > 0),
    TaxGroup: c.rates.length > 1,
    SalesTaxRateList: {
      TaxRateDetail: c.rates.map((name) => {
        const id = rateId.get(name);
        if (!id) throw new Error(`Tax code ${c.name} names an unknown rate ${name}`);
        return { TaxRateRef: { value: id, name }, TaxTypeApplicable: "TaxOnAmount", TaxOrder: 0 };
      }),
    },
    PurchaseTaxRateList: { TaxRateDetail: [] },
  }));
  return { taxCodes, taxRates, taxAgencies };
}

/** What a new company has before anyone touches it: accounts, terms, and tax outside the US. */
export function referenceData(opts: { country: string; homeCurrency: string }): ReferenceData {
  return { accounts: accounts(opts.country, opts.homeCurrency), terms: terms(), ...tax(opts.country) };
}
