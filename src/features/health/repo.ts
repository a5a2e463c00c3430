import { sql, type Selectable } from "kysely";
import type { Database } from "../../db/kysely.ts";
import type { HealthIncidentsTable } from "../../db/schema/health.ts";

export type IncidentRow = Selectable<HealthIncidentsTable>;

/** Something unwell right now, as the database shows it; `subject` names it across checks. */
export type Problem = Omit<IncidentRow, "incidentId" | "openedAt" | "notifiedAt" | "resolvedAt">;

/** Portals and QBO companies whose refresh was refused for good (tokens.ts marks them). */
export async function connectionsNeedingReconnect(db: Database): Promise<Problem[]> {
  const portals = await db
    .selectFrom("portals")
    .select(["portalId", "statusReason"])
    .where("status", "=", "needs_reconnect")
    .execute();
  const companies = await db
    .selectFrom("qboConnections")
    .select(["portalId", "connectionId", "companyName", "statusReason"])
    .where("status", "=", "needs_reconnect")
    .execute();
  return [
    ...portals.map((p) => ({
      portalId: p.portalId,
      kind: "needs_reconnect" as const,
      subject: `hubspot:${p.portalId}`,
      vendor: "hubspot" as const,
      connectionId: null,
      objectType: null,
      detail: p.statusReason ?? "",
      failures: 0,
    })),
    ...companies.map((c) => ({
      portalId: c.portalId,
      kind: "needs_reconnect" as const,
      subject: `qbo:${c.connectionId}`,
      vendor: "qbo" as const,
      connectionId: c.connectionId,
      objectType: null,
      detail: c.statusReason ?? "",
      failures: 0,
    })),
  ];
}

/**
 * Syncs that keep failing: per portal, QBO company and object type, the ledger's latest entries
 * since `since` (skips ignored) are `threshold` or more failures with no success after them.
 * `streak` is how many failed in a row.
 */
export async function failingSyncs(
  db: Database,
  threshold: number,
  since: Date,
): Promise<Array<{ portal: string; conn: string | null; object: string; streak: number; message: string }>> {
  const result = await sql<{
    portal: string;
    conn: string | null;
    object: string;
    streak: string;
    message: string;
  }>`
    SELECT portal, conn, object,
      coalesce(min(rn) FILTER (WHERE outcome = 'ok') - 1, count(*)) AS streak,
      coalesce(min(message) FILTER (WHERE rn = 1), '') AS message
    FROM (
      SELECT portal_id AS portal, connection_id AS conn, object_type AS object, outcome,
        error_message AS message,
        row_number() OVER (PARTITION BY portal_id, connection_id, object_type ORDER BY at DESC, id DESC) AS rn
      FROM sync_ledger
      WHERE outcome IN ('ok', 'failed') AND at >= ${since}
    ) recent
    GROUP BY portal, conn, object
    HAVING coalesce(min(rn) FILTER (WHERE outcome = 'ok') - 1, count(*)) >= ${threshold}
  `.execute(db);
  return result.rows.map((r) => ({ ...r, streak: Number(r.streak) }));
}

/** Company names, for the words of a notice. */
export async function companyNames(db: Database, connectionIds: string[]): Promise<Map<string, string>> {
  if (connectionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("qboConnections")
    .select(["connectionId", "companyName"])
    .where("connectionId", "in", connectionIds)
    .execute();
  return new Map(rows.map((r) => [r.connectionId, r.companyName]));
}

export async function openIncidents(db: Database, portalId?: string): Promise<IncidentRow[]> {
  let q = db.selectFrom("healthIncidents").selectAll().where("resolvedAt", "is", null);
  if (portalId) q = q.where("portalId", "=", portalId);
  return q.orderBy("openedAt").orderBy("incidentId").execute();
}

/** Opens an incident unless one is open for the subject already; true when this call opened it. */
export async function insertIncident(
  db: Database,
  incidentId: string,
  p: Problem,
  now: Date,
): Promise<boolean> {
  const row = await db
    .insertInto("healthIncidents")
    .values({ incidentId, ...p, openedAt: now })
    .onConflict((oc) => oc.columns(["portalId", "subject"]).where("resolvedAt", "is", null).doNothing())
    .returning("incidentId")
    .executeTakeFirst();
  return row !== undefined;
}

export async function resolveIncidents(db: Database, ids: string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable("healthIncidents")
    .set({ resolvedAt: now })
    .where("incidentId", "in", ids)
    .where("resolvedAt", "is", null)
    .execute();
}

export async function findIncident(db: Database, incidentId: string): Promise<IncidentRow | undefined> {
  return db.selectFrom("healthIncidents").selectAll().where("incidentId", "=", incidentId).executeTakeFirst();
}

/** Sets the notified flag once; false when another delivery got there first. */
export async function markNotified(db: Database, incidentId: string, now: Date): Promise<boolean> {
  const res = await db
    .updateTable("healthIncidents")
    .set({ notifiedAt: now })
    .where("incidentId", "=", incidentId)
    .where("notifiedAt", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Open incidents by kind, for `/metrics` (`ledgerlink_open_incidents`). */
export async function openIncidentCounts(db: Database): Promise<Array<{ kind: string; count: number }>> {
  const rows = await db
    .selectFrom("healthIncidents")
    .select(["kind", (eb) => eb.fn.countAll<string>().as("n")])
    .where("resolvedAt", "is", null)
    .groupBy("kind")
    .execute();
  return rows.map((r) => ({ kind: r.kind, count: Number(r.n) }));
}

/** The language a portal's notices are written in: its most recent user's saved choice. */
export async function portalLocale(db: Database, portalId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("users")
    .select("locale")
    .where("portalId", "=", portalId)
    .where("locale", "is not", null)
    .orderBy("lastSignInAt", "desc")
    .executeTakeFirst();
  return row?.locale ?? undefined;
}
