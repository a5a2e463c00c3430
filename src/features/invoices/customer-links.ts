import type { Database } from "../../db/kysely.ts";
import { hubspotRecordsOfCustomer, type LinkedObjectType } from "./repo/index.ts";

/**
 * The HubSpot contact or company a QBO invoice's customer (its id) is linked to by the contact sync (V2):
 * a synced invoice is associated with it, as HubSpot associates its own invoices with a contact.
 */
export async function customerLinksOf(
  db: Database,
  connectionId: string,
  customerId: string,
): Promise<Array<{ objectType: LinkedObjectType; objectId: string }>> {
  if (!customerId) return [];
  const rows = await hubspotRecordsOfCustomer(db, connectionId, customerId);
  return rows.map((r) => ({
    objectType: r.kind === "contact" ? "contacts" : "companies",
    objectId: r.hubspotId,
  }));
}
