import type { Database } from "../../../db/kysely.ts";
import type { LinkedObjectType } from "./invoices.ts";

/** The invoices associated with one HubSpot record, newest QBO update first, with their company. */
export async function invoicesForRecord(
  db: Database,
  portalId: string,
  objectType: LinkedObjectType,
  objectId: string,
) {
  return db
    .selectFrom("invoiceLinks as l")
    .innerJoin("invoices as i", "i.invoiceKey", "l.invoiceKey")
    .innerJoin("qboConnections as c", "c.connectionId", "i.connectionId")
    .selectAll("i")
    .select(["c.companyName", "c.timeZone"])
    .where("l.portalId", "=", portalId)
    .where("i.portalId", "=", portalId)
    .where("l.objectType", "=", objectType)
    .where("l.objectId", "=", objectId)
    .orderBy("i.qboUpdatedAt", "desc")
    .orderBy("i.invoiceKey")
    .execute();
}

/** The deals an invoice drives (S2): each gets its properties recomputed when the invoice changes. */
export async function dealsOfInvoice(db: Database, invoiceKey: string): Promise<string[]> {
  const rows = await db
    .selectFrom("invoiceLinks")
    .select("objectId")
    .where("invoiceKey", "=", invoiceKey)
    .where("objectType", "=", "deals")
    .execute();
  return rows.map((r) => r.objectId);
}

/** The HubSpot records an invoice is associated with (the mirror associates its object with each). */
export async function linksOfInvoice(db: Database, invoiceKey: string) {
  return db
    .selectFrom("invoiceLinks")
    .select(["objectType", "objectId", "associatedWith"])
    .where("invoiceKey", "=", invoiceKey)
    .execute();
}

/** Notes that a link's record is associated with HubSpot invoice object `objectId` (mirror-invoice). */
export async function markLinkAssociated(
  db: Database,
  link: { invoiceKey: string; objectType: "deals" | "contacts" | "companies"; objectId: string },
  hubspotInvoiceId: string,
): Promise<void> {
  await db
    .updateTable("invoiceLinks")
    .set({ associatedWith: hubspotInvoiceId })
    .where("invoiceKey", "=", link.invoiceKey)
    .where("objectType", "=", link.objectType)
    .where("objectId", "=", link.objectId)
    .execute();
}

/** The QBO ids of one company's invoices already associated with a HubSpot record. */
export async function linkedQboInvoiceIds(
  db: Database,
  record: { portalId: string; objectType: LinkedObjectType; objectId: string },
  connectionId: string,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom("invoiceLinks as l")
    .innerJoin("invoices as i", "i.invoiceKey", "l.invoiceKey")
    .select("i.qboInvoiceId")
    .where("l.portalId", "=", record.portalId)
    .where("l.objectType", "=", record.objectType)
    .where("l.objectId", "=", record.objectId)
    .where("i.connectionId", "=", connectionId)
    .execute();
  return new Set(rows.map((r) => r.qboInvoiceId));
}
