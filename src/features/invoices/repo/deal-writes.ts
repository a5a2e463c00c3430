import type { Database } from "../../../db/kysely.ts";

/**
 * The deal properties we last wrote to HubSpot (S2), per deal: a recomputation that finds the
 * same values writes nothing, so a reconcile that changes nothing costs no HubSpot call.
 */
export async function lastDealPropertyWrite(
  db: Database,
  portalId: string,
  dealId: string,
): Promise<{ properties: unknown } | undefined> {
  return db
    .selectFrom("dealPropertyWrites")
    .select("properties")
    .where("portalId", "=", portalId)
    .where("dealId", "=", dealId)
    .executeTakeFirst();
}

export async function saveDealPropertyWrite(
  db: Database,
  portalId: string,
  dealId: string,
  properties: Record<string, string>,
  now: Date,
): Promise<void> {
  await db
    .insertInto("dealPropertyWrites")
    .values({ portalId, dealId, properties: JSON.stringify(properties), writtenAt: now })
    .onConflict((oc) =>
      oc
        .columns(["portalId", "dealId"])
        .doUpdateSet({ properties: JSON.stringify(properties), writtenAt: now }),
    )
    .execute();
}
