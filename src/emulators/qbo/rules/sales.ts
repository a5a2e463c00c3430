import type { Entity, EntityName } from "../entities.ts";
import { refValue } from "../entities.ts";
import { companyDate } from "../time.ts";
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
import { currencyName } from "./names.ts";
import { dueDateFor } from "./terms.ts";

type SalesKind = Extract<EntityName, "Invoice" | "Estimate">;

/** Units of each currency per US dollar; cross rates come from these (the emulator's own table). */
const PER_USD: Record<string, number> = {
  USD: 1,
  EUR: 0.92,
  GBP: 0.79,
  CAD: 1.36,
  AUD: 1.52,
  JPY: 150,
  INR: 83,
};

export function exchangeRate(foreign: string, home: string): number {
  const f = PER_USD[foreign];
  const h = PER_USD[home];
  if (!f || !h) return 1;
  return Math.round((h / f) * 1e6) / 1e6;
}

/** The wording QBO uses per country when a line lacks a tax code (docs/vendors/quickbooks.md §11.2). */
function taxWord(country: string): string {
  if (country === "GB" || country === "IE" || country === "FR") return "VAT";
  if (country === "CA") return "GST/HST";
  if (country === "AU" || country === "NZ") return "GST";
  return "tax";
}

const EMAIL_STATUSES = new Set(["NotSet", "NeedToSend", "EmailSent"]);
const PRINT_STATUSES = new Set(["NotSet", "NeedToPrint", "PrintComplete"]);
const TAX_CALCULATIONS = new Set(["TaxExcluded", "TaxInclusive", "NotApplicable"]);
const ESTIMATE_STATUSES = new Set(["Pending", "Accepted", "Closed", "Rejected"]);

interface TaxBase {
  codeId: string;
  amount: number;
}

function checkEnum(field: string, value: string, allowed: Set<string>) {
  if (!allowed.has(value)) throw faults.enumeration(field, value);
}

function checkDate(field: string, value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const text = String(value);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(text))) {
    throw faults.invalidProperty(`Invalid date format for ${field}: ${text}`, field);
  }
  return text;
}

/** Builds one sales line, checking `Amount = Qty × UnitPrice` (6070) and the line's tax code. */
function salesLine(ctx: RuleContext, line: Entity, index: number, taxBases: TaxBase[]): Entity {
  const detail = (line.SalesItemLineDetail ?? {}) as Entity;
  const item = resolveRef(ctx, "Item", detail.ItemRef, "ItemRef", { required: true })!;
  let qty = asNumber(detail.Qty, "Qty");
  let price = asNumber(detail.UnitPrice, "UnitPrice");
  let amount = asNumber(line.Amount, "Amount");
  if (price === undefined && qty === undefined) {
    qty = 1;
    price = amount ?? Number(item.UnitPrice ?? 0);
  } else if (price === undefined) {
    price = amount !== undefined && qty ? amount / qty : Number(item.UnitPrice ?? 0);
  } else if (qty === undefined) {
    qty = amount !== undefined && price ? amount / price : 1;
  }
  const expected = money(qty! * price);
  if (amount === undefined) amount = expected;
  else if (Math.abs(money(amount) - expected) >= 0.01) {
    throw validation(
      "6070",
      "Amount calculation incorrect",
      `Amount calculation incorrect : Amount is not equal to UnitPrice * Qty. Supplied value:${amount}`,
      "Line.Amount",
    );
  }

  const { country } = ctx.company.settings;
  const taxId = refValue(detail.TaxCodeRef);
  let taxCodeRef: { value: string; name?: string } | undefined;
  if (country === "US") {
    const code = taxId ?? (item.Taxable === true ? "TAX" : "NON");
    if (code !== "TAX" && code !== "NON") {
      throw validation("6100", "Invalid Line TaxCode", `Invalid line TaxCode: ${code}. Use TAX or NON.`);
    }
    taxCodeRef = { value: code };
  } else {
    if (taxId === undefined) {
      throw faults.business(
        `Make sure all your transactions have a ${taxWord(country)} rate before you save.`,
      );
    }
    const code = resolveRef(ctx, "TaxCode", detail.TaxCodeRef, "TaxCodeRef")!;
    taxCodeRef = ref(String(code.Id));
    taxBases.push({ codeId: String(code.Id), amount: money(amount) });
  }
  return compact({
    Id: String(index),
    LineNum: index,
    Description: asText(line.Description) ?? asText(item.Description),
    Amount: money(amount),
    DetailType: "SalesItemLineDetail",
    SalesItemLineDetail: compact({
      ...detail,
      ItemRef: ref(String(item.Id), item.Name),
      Qty: qty,
      UnitPrice: price,
      TaxCodeRef: taxCodeRef,
      ServiceDate: checkDate("ServiceDate", detail.ServiceDate),
    }),
  });
}

/** Non-US tax: one TaxLine per rate, on each line's net amount (docs/vendors/quickbooks.md §11.2). */
function taxDetail(ctx: RuleContext, bases: TaxBase[], calculation: string, discountShare: number) {
  const byRate = new Map<string, { rate: Entity; net: number }>();
  for (const base of bases) {
    const code = ctx.company.get("TaxCode", base.codeId)!;
    const details = (((code.SalesTaxRateList ?? {}) as Entity).TaxRateDetail ?? []) as Entity[];
    const rates = details
      .map((d) => ctx.company.get("TaxRate", refValue(d.TaxRateRef) ?? ""))
      .filter((r): r is Entity => r !== undefined);
    const total = rates.reduce((sum, r) => sum + Number(r.RateValue ?? 0), 0);
    const net = base.amount * (1 - discountShare);
    for (const rate of rates) {
      const key = String(rate.Id);
      const entry = byRate.get(key) ?? { rate, net: 0 };
      entry.net += calculation === "TaxInclusive" ? net / (1 + total / 100) : net;
      byRate.set(key, entry);
    }
  }
  const TaxLine = [...byRate.values()].map(({ rate, net }) => ({
    Amount: money((net * Number(rate.RateValue ?? 0)) / 100),
    DetailType: "TaxLineDetail",
    TaxLineDetail: {
      TaxRateRef: ref(String(rate.Id)),
      PercentBased: true,
      TaxPercent: Number(rate.RateValue ?? 0),
      NetAmountTaxable: money(net),
    },
  }));
  return { TotalTax: money(TaxLine.reduce((sum, l) => sum + l.Amount, 0)), TaxLine };
}

function assignDocNumber(
  ctx: RuleContext,
  kind: SalesKind,
  draft: Entity,
  existing?: Entity,
): string | undefined {
  let doc = asText(draft.DocNumber);
  const custom = ctx.company.settings.customTxnNumbers;
  if (doc === "AUTO_GENERATE" || (doc === undefined && !existing && !custom))
    doc = ctx.company.nextDocNumber(kind);
  if (doc === undefined) doc = asText(existing?.DocNumber);
  if (doc === undefined) return undefined;
  if (doc.length > 21) throw faults.stringLength("DocNumber", 21);
  if (!ctx.include.has("allowduplicatedocnum")) {
    for (const other of ctx.company.table(kind).values()) {
      if (other.Id !== existing?.Id && other.DocNumber === doc) {
        throw validation(
          "6140",
          "Duplicate Document Number Error",
          `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${doc} is assigned to TxnType=${kind} with TxnId=${String(other.Id)}`,
        );
      }
    }
  }
  return doc;
}

/** Sum of payments applied to an invoice, from the payments' own lines. */
export function paymentLinks(ctx: Pick<RuleContext, "company">, invoiceId: string) {
  const links: Array<{ paymentId: string; amount: number }> = [];
  for (const payment of ctx.company.table("Payment").values()) {
    for (const line of (payment.Line ?? []) as Entity[]) {
      const linked = ((line.LinkedTxn ?? []) as Entity[]).some(
        (l) => String(l.TxnId) === invoiceId && l.TxnType === "Invoice",
      );
      if (linked) links.push({ paymentId: String(payment.Id), amount: Number(line.Amount ?? 0) });
    }
  }
  return links;
}

/**
 * Validates and completes an Invoice or Estimate as QBO does on create and update: customer and
 * lines required, amounts and tax computed, DocNumber assigned, dates and addresses defaulted.
 */
export function prepareSales(ctx: RuleContext, kind: SalesKind, draft: Entity, existing?: Entity): Entity {
  const voided = /^Voided\b/.test(String(existing?.PrivateNote ?? ""));
  if (voided && Number(existing?.TotalAmt) === 0 && kind === "Invoice") {
    throw faults.business("This transaction has been voided and can't be changed.");
  }
  const customer = resolveRef(ctx, "Customer", draft.CustomerRef, "CustomerRef", { required: true })!;
  const rawLines = draft.Line;
  if (!Array.isArray(rawLines) || rawLines.length === 0) {
    throw faults.required("Required parameter Line is missing in the request", "Line");
  }
  const { settings } = ctx.company;
  const customerCurrency = refValue(customer.CurrencyRef) ?? settings.homeCurrency;
  const currency = refValue(draft.CurrencyRef) ?? customerCurrency;
  if (currency !== customerCurrency) {
    throw faults.business(
      `The currency of the transaction (${currency}) must match the customer's currency (${customerCurrency}).`,
    );
  }

  const taxBases: TaxBase[] = [];
  const itemLines: Entity[] = [];
  const discountLines: Entity[] = [];
  let n = 0;
  for (const raw of rawLines as Entity[]) {
    const type = asText(raw.DetailType);
    if (type === "SubTotalLineDetail") continue; // QBO regenerates the subtotal
    n += 1;
    if (type === "SalesItemLineDetail") itemLines.push(salesLine(ctx, raw, n, taxBases));
    else if (type === "DescriptionOnly") {
      itemLines.push(
        compact({
          Id: String(n),
          LineNum: n,
          Description: asText(raw.Description),
          DetailType: "DescriptionOnly",
          DescriptionLineDetail: raw.DescriptionLineDetail ?? {},
        }),
      );
    } else if (type === "DiscountLineDetail") discountLines.push({ ...raw, Id: String(n), LineNum: n });
    else throw faults.enumeration("Line.DetailType", type ?? "(missing)");
  }
  const subtotal = money(itemLines.reduce((sum, l) => sum + Number(l.Amount ?? 0), 0));
  let discount = 0;
  const discounts = discountLines.map((line) => {
    const detail = (line.DiscountLineDetail ?? {}) as Entity;
    const percent = asNumber(detail.DiscountPercent, "DiscountPercent");
    const amount =
      detail.PercentBased === true && percent !== undefined
        ? money((subtotal * percent) / 100)
        : (asNumber(line.Amount, "Amount") ?? 0);
    discount += amount;
    return { ...line, Amount: amount, DetailType: "DiscountLineDetail", DiscountLineDetail: detail };
  });
  discount = money(discount);

  const calculation =
    settings.country === "US" ? undefined : (asText(draft.GlobalTaxCalculation) ?? "TaxExcluded");
  if (calculation) checkEnum("GlobalTaxCalculation", calculation, TAX_CALCULATIONS);
  const discountShare = subtotal > 0 ? discount / subtotal : 0;
  const tax =
    calculation && calculation !== "NotApplicable"
      ? taxDetail(ctx, taxBases, calculation, discountShare)
      : { TotalTax: 0, TaxLine: [] as Entity[] };
  const total = money(subtotal - discount + (calculation === "TaxInclusive" ? 0 : tax.TotalTax));

  const txnDate = checkDate("TxnDate", draft.TxnDate) ?? companyDate(ctx.now, settings.timeZone);
  const preferences = ctx.company.get("Preferences", "1");
  const defaultTerm = refValue(((preferences?.SalesFormsPrefs ?? {}) as Entity).DefaultTerms);
  const termRef =
    draft.SalesTermRef ?? customer.SalesTermRef ?? (defaultTerm ? { value: defaultTerm } : undefined);
  const term = resolveRef(ctx, "Term", termRef, "SalesTermRef");
  const dueDate =
    checkDate("DueDate", draft.DueDate) ??
    (kind === "Invoice" ? (term ? dueDateFor(term, txnDate) : txnDate) : undefined);

  const emailStatus = asText(draft.EmailStatus) ?? "NotSet";
  checkEnum("EmailStatus", emailStatus, EMAIL_STATUSES);
  const printStatus = asText(draft.PrintStatus) ?? "NotSet";
  checkEnum("PrintStatus", printStatus, PRINT_STATUSES);

  const rate =
    currency === settings.homeCurrency
      ? 1
      : (asNumber(draft.ExchangeRate, "ExchangeRate") ?? exchangeRate(currency, settings.homeCurrency));
  const applied = kind === "Invoice" && existing ? paymentLinks(ctx, String(existing.Id)) : [];
  const appliedTotal = money(applied.reduce((sum, l) => sum + l.amount, 0));
  if (appliedTotal > total) {
    throw faults.business("The invoice total can't be less than the payments applied to it.");
  }
  const estimateLinks = ((draft.LinkedTxn ?? []) as Entity[]).filter((l) => l.TxnType === "Estimate");
  for (const link of estimateLinks) {
    if (kind !== "Invoice" || !ctx.company.get("Estimate", String(link.TxnId))) {
      throw validation(
        "620",
        "Txn ID Cannot Be Linked",
        `Transaction ${String(link.TxnId)} cannot be linked`,
      );
    }
  }
  const linked = [
    ...estimateLinks.map((l) => ({ TxnId: String(l.TxnId), TxnType: "Estimate" })),
    ...applied.map((l) => ({ TxnId: l.paymentId, TxnType: "Payment" })),
    ...(kind === "Estimate"
      ? ((existing?.LinkedTxn ?? []) as Entity[]).filter((l) => l.TxnType === "Invoice")
      : []),
  ];
  const subtotalLine = { Amount: subtotal, DetailType: "SubTotalLineDetail", SubTotalLineDetail: {} };
  const status =
    kind === "Estimate" ? (asText(draft.TxnStatus) ?? asText(existing?.TxnStatus) ?? "Pending") : undefined;
  if (status) checkEnum("TxnStatus", status, ESTIMATE_STATUSES);
  const billEmail = draft.BillEmail ?? customer.PrimaryEmailAddr;

  return compact({
    ...draft,
    DocNumber: assignDocNumber(ctx, kind, draft, existing),
    TxnDate: txnDate,
    DueDate: dueDate,
    ExpirationDate: kind === "Estimate" ? checkDate("ExpirationDate", draft.ExpirationDate) : undefined,
    TxnStatus: status,
    CustomerRef: ref(String(customer.Id), customer.DisplayName),
    SalesTermRef: term ? ref(String(term.Id), term.Name) : undefined,
    CurrencyRef: { value: currency, name: currencyName(currency) },
    ExchangeRate: settings.multiCurrency ? rate : undefined,
    BillAddr: draft.BillAddr ?? customer.BillAddr,
    ShipAddr: draft.ShipAddr ?? customer.ShipAddr,
    BillEmail: billEmail ? { Address: String((billEmail as Entity).Address ?? "") } : undefined,
    Line: [...itemLines, ...discounts, subtotalLine],
    GlobalTaxCalculation: calculation,
    TxnTaxDetail: {
      ...((draft.TxnTaxDetail ?? {}) as Entity),
      TotalTax: tax.TotalTax,
      ...(tax.TaxLine.length > 0 ? { TaxLine: tax.TaxLine } : {}),
    },
    TotalAmt: total,
    Balance: kind === "Invoice" ? money(total - appliedTotal) : undefined,
    HomeTotalAmt: settings.multiCurrency ? money(total * rate) : undefined,
    HomeBalance:
      settings.multiCurrency && kind === "Invoice" ? money((total - appliedTotal) * rate) : undefined,
    ApplyTaxAfterDiscount: draft.ApplyTaxAfterDiscount ?? false,
    EmailStatus: emailStatus,
    PrintStatus: printStatus,
    // Deposits and online payment switches exist on invoices only (Intuit's XSD).
    ...(kind === "Invoice"
      ? {
          Deposit: asNumber(draft.Deposit, "Deposit") ?? 0,
          AllowOnlinePayment: draft.AllowOnlinePayment ?? false,
          AllowOnlineCreditCardPayment: draft.AllowOnlineCreditCardPayment ?? false,
          AllowOnlineACHPayment: draft.AllowOnlineACHPayment ?? false,
        }
      : {}),
    LinkedTxn: linked,
    DeliveryInfo: existing?.DeliveryInfo,
  });
}
