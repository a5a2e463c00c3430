import type { Database } from "../../../db/kysely.ts";

/**
 * The QBO companies as the invoices feature reads them (the connections feature writes the
 * table): a portal's companies for its pickers and filters, and one company for a job.
 */

/** A portal's companies, oldest connection first (the order every picker shows). */
export async function companiesOfPortal(db: Database, portalId: string) {
  return db
    .selectFrom("qboConnections")
    .select(["portalId", "connectionId", "realmId", "companyName", "homeCurrency", "timeZone", "status"])
    .where("portalId", "=", portalId)
    .orderBy("createdAt")
    .execute();
}

/** One company of a portal, every column (push-invoice checks its status and country). */
export async function companyOfPortal(db: Database, portalId: string, connectionId: string) {
  return db
    .selectFrom("qboConnections")
    .selectAll()
    .where("portalId", "=", portalId)
    .where("connectionId", "=", connectionId)
    .executeTakeFirst();
}

const JOB_COLUMNS = ["portalId", "connectionId", "realmId", "homeCurrency", "timeZone", "status"] as const;

/** One company by id: what the jobs need to follow its invoices and payments. */
export async function companyById(db: Database, connectionId: string) {
  return db
    .selectFrom("qboConnections")
    .select(JOB_COLUMNS)
    .where("connectionId", "=", connectionId)
    .executeTakeFirst();
}

/** The same, for a change pulled from a company that must exist (its row outlives its changes). */
export async function requireCompany(db: Database, connectionId: string) {
  return db
    .selectFrom("qboConnections")
    .select(JOB_COLUMNS)
    .where("connectionId", "=", connectionId)
    .executeTakeFirstOrThrow();
}
