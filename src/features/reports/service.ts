import type { Database } from "../../db/kysely.ts";
import { daysToPay, invoicedVsCollected, overdueInvoices, receivablesAging, revenueBy } from "./compute.ts";
import type { ReportFilter } from "./facts.ts";
import { loadReportFacts } from "./repo.ts";

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
  const companies = await db
    .selectFrom("qboConnections")
    .select(["connectionId", "companyName"])
    .where("portalId", "=", portalId)
    .orderBy("createdAt")
    .execute();
  const currencies = await db
    .selectFrom("invoices")
    .select("currency")
    .distinct()
    .where("portalId", "=", portalId)
    .orderBy("currency")
    .execute();
  const owners = await db
    .selectFrom("dealFacts")
    .select(["ownerId", "ownerName"])
    .distinct()
    .where("portalId", "=", portalId)
    .where("ownerId", "is not", null)
    .orderBy("ownerName")
    .execute();
  return {
    companies,
    currencies: currencies.map((c) => c.currency),
    owners: owners.map((o) => ({ ownerId: o.ownerId!, ownerName: o.ownerName ?? o.ownerId! })),
  };
}

export type ReportChoices = Awaited<ReturnType<typeof reportChoices>>;
