import type { Database } from "../../db/kysely.ts";
import { dateInTimeZone } from "../../lib/dates.ts";
import { toCents, type InvoiceFact, type PaymentFact, type ReportFilter } from "./facts.ts";

/**
 * The invoices of one portal in the filter's currency and company (deleted and voided ones
 * excluded: they are no revenue), each with the deal that carries it, and every payment applied
 * to them. Dates are not filtered here: each report applies the range to its own date.
 */
export async function loadReportFacts(
  db: Database,
  portalId: string,
  f: ReportFilter,
  now: Date,
): Promise<{ invoices: InvoiceFact[]; payments: PaymentFact[] }> {
  let q = db
    .selectFrom("invoices as i")
    .innerJoin("qboConnections as c", "c.connectionId", "i.connectionId")
    .select([
      "i.invoiceKey",
      "i.connectionId",
      "c.companyName",
      "c.timeZone",
      "i.docNumber",
      "i.qboInvoiceId",
      "i.customerName",
      "i.currency",
      "i.totalAmt",
      "i.balance",
      "i.txnDate",
      "i.dueDate",
    ])
    .where("i.portalId", "=", portalId)
    .where("i.currency", "=", f.currency)
    .where("i.deleted", "=", false)
    .where("i.state", "!=", "voided");
  if (f.connectionId) q = q.where("i.connectionId", "=", f.connectionId);
  const rows = await q.orderBy("i.invoiceKey").execute();
  const deals = await dealsOf(db, portalId);
  const invoices: InvoiceFact[] = rows
    .map((r) => {
      const deal = deals.get(r.invoiceKey);
      return {
        invoiceKey: r.invoiceKey,
        connectionId: r.connectionId,
        companyName: r.companyName,
        number: r.docNumber ?? r.qboInvoiceId,
        customerName: r.customerName,
        currency: r.currency,
        totalCents: toCents(r.totalAmt),
        balanceCents: toCents(r.balance),
        txnDate: r.txnDate,
        dueDate: r.dueDate,
        today: dateInTimeZone(r.timeZone, now),
        dealId: deal?.dealId ?? null,
        ownerId: deal?.ownerId ?? null,
        ownerName: deal?.ownerName ?? null,
        pipelineId: deal?.pipelineId ?? null,
        pipelineLabel: deal?.pipelineLabel ?? null,
      };
    })
    .filter((i) => !f.ownerId || i.ownerId === f.ownerId);
  return { invoices, payments: await paymentsOf(db, portalId, invoices) };
}

/**
 * The deal each invoice counts under: the first deal it was associated with (an invoice linked to
 * two deals is revenue once, not twice), with that deal's owner and pipeline when known.
 */
async function dealsOf(db: Database, portalId: string) {
  const links = await db
    .selectFrom("invoiceLinks as l")
    .leftJoin("dealFacts as d", (j) =>
      j.onRef("d.portalId", "=", "l.portalId").onRef("d.dealId", "=", "l.objectId"),
    )
    .select([
      "l.invoiceKey",
      "l.objectId as dealId",
      "d.ownerId",
      "d.ownerName",
      "d.pipelineId",
      "d.pipelineLabel",
    ])
    .where("l.portalId", "=", portalId)
    .where("l.objectType", "=", "deals")
    .orderBy("l.createdAt")
    .orderBy("l.objectId")
    .execute();
  const first = new Map<string, (typeof links)[number]>();
  for (const link of links) if (!first.has(link.invoiceKey)) first.set(link.invoiceKey, link);
  return first;
}

/** The payments applied to these invoices (read for the portal, matched here: no long IN lists). */
async function paymentsOf(db: Database, portalId: string, invoices: InvoiceFact[]): Promise<PaymentFact[]> {
  const keys = new Set(invoices.map((i) => i.invoiceKey));
  const rows = await db
    .selectFrom("paymentApplications")
    .select(["invoiceKey", "txnDate", "amount"])
    .where("portalId", "=", portalId)
    .orderBy("txnDate")
    .orderBy("qboPaymentId")
    .execute();
  return rows
    .filter((r) => keys.has(r.invoiceKey))
    .map((r) => ({ invoiceKey: r.invoiceKey, txnDate: r.txnDate, cents: toCents(r.amount) }));
}

/** The portal's QBO companies, oldest first (the Company filter). */
export function listCompanies(db: Database, portalId: string) {
  return db
    .selectFrom("qboConnections")
    .select(["connectionId", "companyName"])
    .where("portalId", "=", portalId)
    .orderBy("createdAt")
    .execute();
}

/** Every currency the portal has an invoice in (the Currency filter). */
export async function listInvoiceCurrencies(db: Database, portalId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("invoices")
    .select("currency")
    .distinct()
    .where("portalId", "=", portalId)
    .orderBy("currency")
    .execute();
  return rows.map((r) => r.currency);
}

/** The owners of the portal's deals, by name (the Owner filter); an unnamed owner shows its id. */
export async function listDealOwners(
  db: Database,
  portalId: string,
): Promise<Array<{ ownerId: string; ownerName: string }>> {
  const rows = await db
    .selectFrom("dealFacts")
    .select(["ownerId", "ownerName"])
    .distinct()
    .where("portalId", "=", portalId)
    .where("ownerId", "is not", null)
    .orderBy("ownerName")
    .execute();
  return rows.map((o) => ({ ownerId: o.ownerId!, ownerName: o.ownerName ?? o.ownerId! }));
}
