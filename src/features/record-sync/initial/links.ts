import type { Database } from "../../../db/kysely.ts";
import type { RecordLink } from "../repo/record-links.ts";

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
      .set({ toHubspot: JSON.stringify(l.toHubspot), toQbo: JSON.stringify(l.toQbo), updatedAt: now })
      .where("connectionId", "=", l.connectionId)
      .where("kind", "=", l.kind)
      .where("qboId", "=", l.qboId)
      .execute();
  }
}
