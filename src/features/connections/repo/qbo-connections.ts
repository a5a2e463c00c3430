import type { Database } from "../../../db/kysely.ts";

export interface CompanyFacts {
  companyName: string;
  country: string;
  homeCurrency: string;
  multiCurrency: boolean;
  customTxnNumbers: boolean;
  timeZone?: string;
}

export interface NewQboConnection extends CompanyFacts {
  connectionId: string;
  portalId: string;
  realmId: string;
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: Date;
  refreshExpiresAt: Date;
}

/** One row per (portal, realm): reconnecting the same company replaces its tokens, never duplicates it. */
export async function upsertQboConnection(db: Database, c: NewQboConnection, now: Date): Promise<string> {
  // On conflict the existing row keeps its id; only what the new consent says is replaced.
  const { connectionId: _id, portalId: _portal, realmId: _realm, ...rest } = c;
  const row = await db
    .insertInto("qboConnections")
    .values({ ...c, status: "active", infoRefreshedAt: now, createdAt: now, updatedAt: now })
    .onConflict((oc) =>
      oc
        .columns(["portalId", "realmId"])
        .doUpdateSet({ ...rest, status: "active", statusReason: null, infoRefreshedAt: now, updatedAt: now }),
    )
    .returning("connectionId")
    .executeTakeFirstOrThrow();
  return row.connectionId;
}

/** Every query names the portal: one portal can never reach another's connections. */
export async function listQboConnections(db: Database, portalId: string) {
  return db
    .selectFrom("qboConnections")
    .select([
      "portalId",
      "connectionId",
      "realmId",
      "companyName",
      "country",
      "homeCurrency",
      "multiCurrency",
      "customTxnNumbers",
      "timeZone",
      "status",
      "statusReason",
      "infoRefreshedAt",
    ])
    .where("portalId", "=", portalId)
    .orderBy("createdAt")
    .execute();
}

export async function findQboConnection(db: Database, portalId: string, connectionId: string) {
  return db
    .selectFrom("qboConnections")
    .selectAll()
    .where("portalId", "=", portalId)
    .where("connectionId", "=", connectionId)
    .executeTakeFirst();
}

/** One company by its id alone: jobs carry the id, and the row carries its portal. */
export async function findQboConnectionById(db: Database, connectionId: string) {
  return db
    .selectFrom("qboConnections")
    .selectAll()
    .where("connectionId", "=", connectionId)
    .executeTakeFirst();
}

/** The companies of one portal whose tokens work (record sync works for each of them). */
export async function activeQboConnectionsOfPortal(db: Database, portalId: string) {
  return db
    .selectFrom("qboConnections")
    .select(["connectionId", "realmId", "createdAt"])
    .where("portalId", "=", portalId)
    .where("status", "=", "active")
    .execute();
}

/** Every company whose tokens work, across portals: the timers fan out over these. */
export async function activeQboConnections(db: Database) {
  return db
    .selectFrom("qboConnections")
    .select(["connectionId", "realmId"])
    .where("status", "=", "active")
    .execute();
}

/** The active companies behind some realms (a webhook names realms, not our connections). */
export async function activeQboConnectionsInRealms(db: Database, realmIds: string[]) {
  if (realmIds.length === 0) return [];
  return db
    .selectFrom("qboConnections")
    .select(["connectionId", "realmId"])
    .where("realmId", "in", realmIds)
    .where("status", "=", "active")
    .execute();
}

export async function updateCompanyFacts(db: Database, connectionId: string, facts: CompanyFacts, now: Date) {
  await db
    .updateTable("qboConnections")
    .set({ ...facts, infoRefreshedAt: now, updatedAt: now })
    .where("connectionId", "=", connectionId)
    .execute();
}

export async function deleteQboConnection(
  db: Database,
  portalId: string,
  connectionId: string,
): Promise<boolean> {
  const res = await db
    .deleteFrom("qboConnections")
    .where("portalId", "=", portalId)
    .where("connectionId", "=", connectionId)
    .executeTakeFirst();
  return res.numDeletedRows > 0n;
}

/** Portals and QBO companies by vendor and status, for `/metrics` (`ledgerlink_connections`). */
export async function connectionCounts(
  db: Database,
): Promise<Array<{ vendor: "hubspot" | "qbo"; state: string; count: number }>> {
  const portals = await db
    .selectFrom("portals")
    .select(["status", (eb) => eb.fn.countAll<string>().as("n")])
    .groupBy("status")
    .execute();
  const companies = await db
    .selectFrom("qboConnections")
    .select(["status", (eb) => eb.fn.countAll<string>().as("n")])
    .groupBy("status")
    .execute();
  return [
    ...portals.map((r) => ({ vendor: "hubspot" as const, state: r.status, count: Number(r.n) })),
    ...companies.map((r) => ({ vendor: "qbo" as const, state: r.status, count: Number(r.n) })),
  ];
}
