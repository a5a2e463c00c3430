import type { Selectable } from "kysely";
import type { Database } from "../../../db/kysely.ts";
import type { LinkKind, RecordLinksTable } from "../../../db/schema/index.ts";

export type RecordLinkRow = Selectable<RecordLinksTable>;

export interface RecordLink {
  connectionId: string;
  kind: LinkKind;
  qboId: string;
  hubspotId: string;
  /** What Ledgerlink last wrote into HubSpot, by property. */
  toHubspot: Record<string, string>;
  /** What Ledgerlink last wrote into QBO, by field path. */
  toQbo: Record<string, string>;
  /**
   * The last value both sides agreed on, by mapped pair (engine/merge.ts pairKey; ADR 0034).
   * Optional for callers building a link: absent is saved as none.
   */
  agreed?: Record<string, string>;
  archived: boolean;
}

const asLink = (row: RecordLinkRow): RecordLink => ({
  connectionId: row.connectionId,
  kind: row.kind,
  qboId: row.qboId,
  hubspotId: row.hubspotId,
  toHubspot: (row.toHubspot ?? {}) as Record<string, string>,
  toQbo: (row.toQbo ?? {}) as Record<string, string>,
  agreed: (row.agreed ?? {}) as Record<string, string>,
  archived: row.archived,
});

/** The link of a record, looked up by the id of either side. */
export async function linkOn(
  db: Database,
  connectionId: string,
  kind: LinkKind,
  side: "qboId" | "hubspotId",
  id: string,
): Promise<RecordLink | undefined> {
  const row = await db
    .selectFrom("recordLinks")
    .selectAll()
    .where("connectionId", "=", connectionId)
    .where("kind", "=", kind)
    .where(side, "=", id)
    .executeTakeFirst();
  return row && asLink(row);
}

export const linkByQbo = (db: Database, connectionId: string, kind: LinkKind, qboId: string) =>
  linkOn(db, connectionId, kind, "qboId", qboId);

export const linkByHubspot = (db: Database, connectionId: string, kind: LinkKind, hubspotId: string) =>
  linkOn(db, connectionId, kind, "hubspotId", hubspotId);

/** Every link of a kind, keyed both ways (the initial sync's in-memory index). */
export async function linksOf(db: Database, connectionId: string, kind: LinkKind): Promise<RecordLink[]> {
  const rows = await db
    .selectFrom("recordLinks")
    .selectAll()
    .where("connectionId", "=", connectionId)
    .where("kind", "=", kind)
    .execute();
  return rows.map(asLink);
}

/**
 * Records a link, or leaves the existing one. False when either record is already linked to
 * another one: the caller must not guess (review list).
 */
export async function saveLink(
  db: Database,
  link: Omit<RecordLink, "archived">,
  now: Date,
): Promise<boolean> {
  const res = await db
    .insertInto("recordLinks")
    .values({
      connectionId: link.connectionId,
      kind: link.kind,
      qboId: link.qboId,
      hubspotId: link.hubspotId,
      toHubspot: JSON.stringify(link.toHubspot),
      toQbo: JSON.stringify(link.toQbo),
      agreed: JSON.stringify(link.agreed ?? {}),
      createdAt: now,
      updatedAt: now,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(res.numInsertedOrUpdatedRows ?? 0) > 0) return true;
  const existing = await linkByQbo(db, link.connectionId, link.kind, link.qboId);
  return existing?.hubspotId === link.hubspotId;
}

export async function updateLink(
  db: Database,
  key: Pick<RecordLink, "connectionId" | "kind" | "qboId">,
  change: Partial<Pick<RecordLink, "toHubspot" | "toQbo" | "agreed" | "archived">>,
  now: Date,
): Promise<void> {
  // One statement: what was written and the agreement it made are saved together, or not at all.
  await db
    .updateTable("recordLinks")
    .set({
      ...(change.toHubspot ? { toHubspot: JSON.stringify(change.toHubspot) } : {}),
      ...(change.toQbo ? { toQbo: JSON.stringify(change.toQbo) } : {}),
      ...(change.agreed ? { agreed: JSON.stringify(change.agreed) } : {}),
      ...(change.archived !== undefined ? { archived: change.archived } : {}),
      updatedAt: now,
    })
    .where("connectionId", "=", key.connectionId)
    .where("kind", "=", key.kind)
    .where("qboId", "=", key.qboId)
    .execute();
}

/** Which of these HubSpot ids are linked, not yet archived, in any of these connections. */
export async function liveLinkedHubspotIds(
  db: Database,
  connectionIds: string[],
  kind: LinkKind,
  hubspotIds?: string[],
): Promise<string[]> {
  if (connectionIds.length === 0 || hubspotIds?.length === 0) return [];
  let q = db
    .selectFrom("recordLinks")
    .select("hubspotId")
    .distinct()
    .where("connectionId", "in", connectionIds)
    .where("kind", "=", kind)
    .where("archived", "=", false);
  if (hubspotIds) q = q.where("hubspotId", "in", hubspotIds);
  else q = q.limit(1);
  return (await q.execute()).map((r) => r.hubspotId);
}

/**
 * Saves a page's new links (a link already there is kept) and what was written through existing
 * ones, in a few statements: per-record round trips would cost more than the vendors' limits.
 */
export async function saveLinks(
  db: Database,
  created: RecordLink[],
  written: RecordLink[],
  now: Date,
): Promise<void> {
  for (let i = 0; i < created.length; i += 500) {
    const chunk = created.slice(i, i + 500);
    await db
      .insertInto("recordLinks")
      .values(
        chunk.map((l) => ({
          connectionId: l.connectionId,
          kind: l.kind,
          qboId: l.qboId,
          hubspotId: l.hubspotId,
          toHubspot: JSON.stringify(l.toHubspot),
          toQbo: JSON.stringify(l.toQbo),
          agreed: JSON.stringify(l.agreed ?? {}),
          createdAt: now,
          updatedAt: now,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  for (const l of written) {
    await db
      .updateTable("recordLinks")
      .set({
        toHubspot: JSON.stringify(l.toHubspot),
        toQbo: JSON.stringify(l.toQbo),
        ...(l.agreed ? { agreed: JSON.stringify(l.agreed) } : {}),
        updatedAt: now,
      })
      .where("connectionId", "=", l.connectionId)
      .where("kind", "=", l.kind)
      .where("qboId", "=", l.qboId)
      .execute();
  }
}
