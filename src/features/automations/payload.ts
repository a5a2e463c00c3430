import type { AutomationEvent } from "../../db/schema/automations.ts";
import type { InvoiceStateColumn } from "../../db/schema/index.ts";
import type { TemplateValues } from "./template.ts";

/** What a delivery knows of the invoice (from our database: no QBO call needed). */
export interface FiredInvoice {
  invoiceKey: string;
  realmId: string;
  qboInvoiceId: string;
  docNumber: string | null;
  customerName: string;
  currency: string;
  totalAmt: string;
  balance: string;
  txnDate: string | null;
  dueDate: string | null;
  state: InvoiceStateColumn;
  companyName: string;
}

export function templateValues(inv: FiredInvoice, event: AutomationEvent): TemplateValues {
  return {
    number: inv.docNumber ?? inv.qboInvoiceId,
    customer: inv.customerName,
    amount: Number(inv.totalAmt).toFixed(2),
    balance: Number(inv.balance).toFixed(2),
    currency: inv.currency,
    invoiceDate: inv.txnDate ?? "",
    dueDate: inv.dueDate ?? "",
    status: inv.state,
    company: inv.companyName,
    event,
  };
}

/** The JSON body of a rule's webhook (docs/automations.md documents it). */
export function webhookBody(
  f: { firingId: string; ruleId: string; ruleName: string; event: AutomationEvent; firedAt: Date },
  inv: FiredInvoice,
): string {
  return JSON.stringify({
    id: f.firingId,
    event: f.event,
    occurredAt: f.firedAt.toISOString(),
    rule: { id: f.ruleId, name: f.ruleName },
    invoice: {
      realmId: inv.realmId,
      id: inv.qboInvoiceId,
      number: inv.docNumber,
      customer: inv.customerName,
      company: inv.companyName,
      currency: inv.currency,
      amount: Number(inv.totalAmt).toFixed(2),
      balance: Number(inv.balance).toFixed(2),
      invoiceDate: inv.txnDate,
      dueDate: inv.dueDate,
      status: inv.state,
    },
  });
}
