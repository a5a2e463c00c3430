import type { Database } from "../../../db/kysely.ts";

/**
 * The HubSpot contacts and companies a QBO customer is linked to by the contact sync (V2; the
 * record-sync feature writes the table), archived links left out.
 */
export async function hubspotRecordsOfCustomer(db: Database, connectionId: string, customerId: string) {
  return db
    .selectFrom("recordLinks")
    .select(["kind", "hubspotId"])
    .where("connectionId", "=", connectionId)
    .where("qboId", "=", customerId)
    .where("kind", "in", ["contact", "company"])
    .where("archived", "=", false)
    .execute();
}
