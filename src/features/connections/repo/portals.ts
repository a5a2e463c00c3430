import type { Database } from "../../../db/kysely.ts";

export interface NewPortal {
  portalId: string;
  appId: string;
  companyCurrency: string;
  timeZone: string;
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: Date;
  scopes: string[];
}

/** Inserts or, on reconnect, replaces the portal's tokens and facts (status back to active). */
export async function upsertPortal(db: Database, portal: NewPortal, now: Date): Promise<void> {
  const values = {
    ...portal,
    scopes: JSON.stringify(portal.scopes),
    status: "active" as const,
    updatedAt: now,
  };
  await db
    .insertInto("portals")
    .values({ ...values, createdAt: now })
    .onConflict((oc) => oc.column("portalId").doUpdateSet({ ...values, statusReason: null }))
    .execute();
}

export async function findPortal(db: Database, portalId: string) {
  return db.selectFrom("portals").selectAll().where("portalId", "=", portalId).executeTakeFirst();
}

export async function markPortalSetUp(db: Database, portalId: string, now: Date): Promise<void> {
  await db
    .updateTable("portals")
    .set({ setupCompletedAt: now, updatedAt: now })
    .where("portalId", "=", portalId)
    .execute();
}

/** The portals whose tokens work. */
export async function activePortalIds(db: Database): Promise<string[]> {
  const rows = await db.selectFrom("portals").select("portalId").where("status", "=", "active").execute();
  return rows.map((row) => row.portalId);
}

/** Every portal this instance holds, whatever its state: the ones that have claimed it (access.ts). */
export async function storedPortalIds(db: Database): Promise<string[]> {
  const rows = await db.selectFrom("portals").select("portalId").execute();
  return rows.map((row) => row.portalId);
}
