import type { Entity } from "../entities.ts";
import { refValue } from "../entities.ts";
import { companyDate } from "../time.ts";
import { asNumber, compact, faults, money, ref, resolveRef, type RuleContext } from "./common.ts";
import { currencyName } from "./names.ts";

function linkedInvoiceId(line: Entity): string | undefined {
  const link = ((line.LinkedTxn ?? []) as Entity[]).find((l) => l.TxnType === "Invoice");
  return link ? String(link.TxnId) : undefined;
}

/** What this payment already applies to each invoice (so an update can re-apply it). */
export function appliedByPayment(payment: Entity | undefined): Map<string, number> {
  const applied = new Map<string, number>();
  for (const line of (payment?.Line ?? []) as Entity[]) {
    const id = linkedInvoiceId(line);
    if (id) applied.set(id, (applied.get(id) ?? 0) + Number(line.Amount ?? 0));
  }
  return applied;
}

/**
 * A payment applies its lines to invoices (docs/vendors/quickbooks.md §3.5): each line's amount may not
 * exceed the invoice's open balance, the lines may not exceed the payment, and what is left over is
 * `UnappliedAmt`. Invoice balances are updated by the caller from the stored payments.
 */
export function preparePayment(ctx: RuleContext, draft: Entity, existing?: Entity): Entity {
  const customer = resolveRef(ctx, "Customer", draft.CustomerRef, "CustomerRef", { required: true })!;
  const total = asNumber(draft.TotalAmt, "TotalAmt");
  if (total === undefined)
    throw faults.required("Required parameter TotalAmt is missing in the request", "TotalAmt");
  if (total < 0) throw faults.business("The payment amount can't be negative.");
  const already = appliedByPayment(existing);
  let appliedSum = 0;
  const lines = ((draft.Line ?? []) as Entity[]).map((line) => {
    const amount = asNumber(line.Amount, "Line.Amount");
    if (amount === undefined)
      throw faults.required("Required parameter Line.Amount is missing in the request");
    const invoiceId = linkedInvoiceId(line);
    if (!invoiceId) throw faults.required("Required parameter Line.LinkedTxn is missing in the request");
    const invoice = ctx.company.get("Invoice", invoiceId);
    if (!invoice) throw faults.notFound("Invoice", invoiceId);
    if (refValue(invoice.CustomerRef) !== String(customer.Id)) {
      throw faults.business(`Invoice ${invoiceId} belongs to another customer.`);
    }
    const open = money(Number(invoice.Balance ?? 0) + (already.get(invoiceId) ?? 0));
    if (amount > open + 0.001) {
      throw faults.business(
        `The payment amount ${amount} exceeds the open balance ${open} of invoice ${invoiceId}.`,
      );
    }
    appliedSum += amount;
    return { Amount: money(amount), LinkedTxn: [{ TxnId: invoiceId, TxnType: "Invoice" }] };
  });
  if (appliedSum > total + 0.001) {
    throw faults.business("The amount applied to invoices is more than the payment amount.");
  }
  const currency = refValue(customer.CurrencyRef) ?? ctx.company.settings.homeCurrency;
  const deposit =
    resolveRef(ctx, "Account", draft.DepositToAccountRef, "DepositToAccountRef") ??
    [...ctx.company.table("Account").values()].find((a) => a.AccountSubType === "UndepositedFunds");
  return compact({
    ...draft,
    CustomerRef: ref(String(customer.Id), customer.DisplayName),
    TxnDate: (draft.TxnDate as string | undefined) ?? companyDate(ctx.now, ctx.company.settings.timeZone),
    TotalAmt: money(total),
    UnappliedAmt: money(total - appliedSum),
    ProcessPayment: draft.ProcessPayment ?? false,
    DepositToAccountRef: deposit ? ref(String(deposit.Id), deposit.Name) : undefined,
    CurrencyRef: { value: currency, name: currencyName(currency) },
    Line: lines,
  });
}
