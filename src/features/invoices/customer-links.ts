import type { QboEntity } from "../../connectors/qbo/client.ts";
import type { Database } from "../../db/kysely.ts";
import type { LinkedObjectType } from "./repo/invoices.ts";

/**
 * The HubSpot contact or company a QBO invoice's customer is linked to by the contact sync (V2):
 * a synced invoice is associated with it, as HubSpot associates its own invoices with a contact.
 */
export async function customerLinksOf(
  db: Database,
  connectionId: string,
  invoice: QboEntity,
): Promise<Array<{ objectType: LinkedObjectType; objectId: string }>> {
  const customerId = (invoice.CustomerRef as { value?: string } | undefined)?.value;
  if (!customerId) return [];
  const rows = await db
    .selectFrom("recordLinks")
    .select(["kind", "hubspotId"])
    .where("connectionId", "=", connectionId)
    .where("qboId", "=", customerId)
    .where("kind", "in", ["contact", "company"])
    .where("archived", "=", false)
    .execute();
  return rows.map((r) => ({
    objectType: r.kind === "contact" ? "contacts" : "companies",
    objectId: r.hubspotId,
  }));
}
