import type { Kysely } from "kysely";

/**
 * `invoice_links.associated_with`: the HubSpot invoice object this link was last associated with
 * (`mirror-invoice`). An update of the invoice upserts the same object, so its associations stand
 * and are not written again; a new object (the old one deleted in HubSpot) differs, and is
 * associated anew.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("invoice_links").addColumn("associated_with", "text").execute();
}
