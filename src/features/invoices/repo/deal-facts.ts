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

/**
 * The owner's name and the pipeline's label another deal of the portal was given after `since`
 * (strictly, as a deal's own facts go stale) where it had the same owner or pipeline: the names are
 * the portal's, not the deal's.
 */
export async function recentNames(
  db: Database,
  portalId: string,
  ids: { ownerId: string | null; pipelineId: string | null },
  since: Date,
): Promise<{ ownerName?: string; pipelineLabel?: string }> {
  const named = async (idColumn: "ownerId" | "pipelineId", nameColumn: "ownerName" | "pipelineLabel") => {
    const id = ids[idColumn];
    if (!id) return undefined;
    const row = await db
      .selectFrom("dealFacts")
      .select(nameColumn)
      .where("portalId", "=", portalId)
      .where(idColumn, "=", id)
      .where(nameColumn, "is not", null)
      .where("refreshedAt", ">", since)
      .orderBy("refreshedAt", "desc")
      .limit(1)
      .executeTakeFirst();
    return (row?.[nameColumn] as string | null | undefined) ?? undefined;
  };
  const ownerName = await named("ownerId", "ownerName");
  const pipelineLabel = await named("pipelineId", "pipelineLabel");
  return { ...(ownerName ? { ownerName } : {}), ...(pipelineLabel ? { pipelineLabel } : {}) };
}
