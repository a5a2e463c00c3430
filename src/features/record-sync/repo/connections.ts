import type { Database } from "../../../db/kysely.ts";

/**
 * The QBO companies record sync works for. The table is the connections feature's; record sync
 * only reads which companies are connected, and to which realm and portal.
 */
export function activeConnectionsOf(db: Database, portalId: string) {
  return db
    .selectFrom("qboConnections")
    .select(["connectionId", "realmId", "createdAt"])
    .where("portalId", "=", portalId)
    .where("status", "=", "active")
    .execute();
}

export function connectionOf(db: Database, connectionId: string) {
  return db
    .selectFrom("qboConnections")
    .select(["connectionId", "realmId", "portalId", "status"])
    .where("connectionId", "=", connectionId)
    .executeTakeFirst();
}
