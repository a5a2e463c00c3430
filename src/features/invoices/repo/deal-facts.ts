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
