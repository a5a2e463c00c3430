import type { Database } from "../../db/kysely.ts";
import { findPortal } from "../connections/index.ts";
import { daysToPay, invoicedVsCollected, overdueInvoices, receivablesAging, revenueBy } from "./compute.ts";
import type { ReportFilter } from "./facts.ts";
import { parseReportFilter } from "./filter.ts";
import { listCompanies, listDealOwners, listInvoiceCurrencies, loadReportFacts } from "./repo.ts";

export type { ReportFilter } from "./facts.ts";

/** Every report of the Reports page (W4), for one portal and filter, at `now`. */
export async function buildReports(db: Database, portalId: string, f: ReportFilter, now: Date) {
  const { invoices, payments } = await loadReportFacts(db, portalId, f, now);
  return {
    invoiceCount: invoices.length,
    monthly: invoicedVsCollected(invoices, payments, f),
    aging: receivablesAging(invoices, f),
    overdue: overdueInvoices(invoices, f),
    owners: revenueBy("owner", invoices, payments, f),
    pipelines: revenueBy("pipeline", invoices, payments, f),
    daysToPay: daysToPay(invoices, payments, f),
  };
}

export type Reports = Awaited<ReturnType<typeof buildReports>>;

/** What the filters can offer: the portal's companies, the currencies of its invoices, the owners of its deals. */
export async function reportChoices(db: Database, portalId: string) {
  return {
    companies: await listCompanies(db, portalId),
    currencies: await listInvoiceCurrencies(db, portalId),
    owners: await listDealOwners(db, portalId),
  };
}

export type ReportChoices = Awaited<ReturnType<typeof reportChoices>>;

/**
 * The reports for a query string: its filter checked against what the portal has (a refused filter
 * still shows every invoice in the default currency, with the reason), the choices, the figures.
 */
export async function reportsFor(db: Database, portalId: string, query: Record<string, string>, now: Date) {
  const choices = await reportChoices(db, portalId);
  const portal = await findPortal(db, portalId);
  const parsed = parseReportFilter(query, choices, portal?.companyCurrency ?? "USD");
  const filter = parsed.ok ? parsed.filter : { currency: parsed.view.currency };
  const reports = await buildReports(db, portalId, filter, now);
  return { parsed, choices, reports };
}
