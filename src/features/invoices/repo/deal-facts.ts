import type { Database } from "../../../db/kysely.ts";

export interface DealFacts {
  ownerId: string | null;
  ownerName: string | null;
  pipelineId: string | null;
  pipelineLabel: string | null;
}

/** Keeps a deal's owner and pipeline for the reports (W4); the newest answer from HubSpot wins. */
export async function saveDealFacts(
  db: Database,
  portalId: string,
  dealId: string,
  facts: DealFacts,
  now: Date,
): Promise<void> {
  await db
    .insertInto("dealFacts")
    .values({ portalId, dealId, ...facts, refreshedAt: now })
    .onConflict((oc) => oc.columns(["portalId", "dealId"]).doUpdateSet({ ...facts, refreshedAt: now }))
    .execute();
}

/** When the deal's facts were last read from HubSpot; undefined when never. */
export async function dealFactsRefreshedAt(
  db: Database,
  portalId: string,
  dealId: string,
): Promise<Date | undefined> {
  const row = await db
    .selectFrom("dealFacts")
    .select("refreshedAt")
    .where("portalId", "=", portalId)
    .where("dealId", "=", dealId)
    .executeTakeFirst();
  return row ? new Date(row.refreshedAt) : undefined;
}
