import type { Database } from "../../db/kysely.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { Clock } from "../../lib/clock.ts";
import { randomId } from "../../lib/ids.ts";
import type { Enqueuer } from "../../queue/catalogue.ts";
import type { HealthNotice } from "../../web/health-banner.tsx";
import { notifyIncident } from "./definitions.ts";
import {
  companyNames,
  connectionsNeedingReconnect,
  failingSyncs,
  insertIncident,
  openIncidents,
  resolveIncidents,
  type IncidentRow,
  type Problem,
} from "./repo.ts";

/** "Keeps failing" looks at this much of the ledger: older failures no longer make an incident. */
export const FAILURE_WINDOW_MS = 7 * 86_400_000;
export const DEFAULT_FAILURE_THRESHOLD = 3;

export interface CheckDeps {
  db: Database;
  clock: Clock;
  queue: Enqueuer;
  /** How many failures in a row, with no success since, make a sync "keep failing". */
  failureThreshold?: number;
}

/** What the database shows as unwell now; a connection that needs reconnecting hides its own failing syncs. */
export async function currentProblems(db: Database, threshold: number, now: Date): Promise<Problem[]> {
  const reconnect = await connectionsNeedingReconnect(db);
  const down = new Set(reconnect.map((p) => p.connectionId ?? `portal:${p.portalId}`));
  const failing = await failingSyncs(db, threshold, new Date(now.getTime() - FAILURE_WINDOW_MS));
  const syncs = failing
    .filter((f) => !down.has(f.conn ?? `portal:${f.portal}`) && !down.has(`portal:${f.portal}`))
    .map((f): Problem => ({
      portalId: f.portal,
      kind: "sync_failing",
      subject: `sync:${f.conn ?? "hubspot"}:${f.object}`,
      vendor: f.conn ? "qbo" : "hubspot",
      connectionId: f.conn,
      objectType: f.object,
      detail: f.message,
      failures: f.streak,
    }));
  return [...reconnect, ...syncs];
}

/**
 * `check-health`: opens an incident for each new problem (and enqueues its one notification in the
 * same transaction), and resolves the open incidents whose problem is gone (the connection is
 * back, or the sync succeeded). An incident still open is left alone: it is never notified twice.
 */
export async function checkHealth(deps: CheckDeps): Promise<{ opened: string[]; resolved: string[] }> {
  const now = deps.clock.now();
  const threshold = deps.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD;
  const problems = await currentProblems(deps.db, threshold, now);
  const key = (p: { portalId: string; subject: string }) => `${p.portalId} ${p.subject}`;
  return inTransaction(deps.db, async (trx) => {
    const open = await openIncidents(trx);
    const current = new Set(problems.map(key));
    const known = new Set(open.map(key));
    const resolved = open.filter((i) => !current.has(key(i))).map((i) => i.incidentId);
    await resolveIncidents(trx, resolved, now);
    const opened: string[] = [];
    for (const problem of problems.filter((p) => !known.has(key(p)))) {
      const incidentId = randomId(12);
      if (!(await insertIncident(trx, incidentId, problem, now))) continue;
      await deps.queue.enqueue(trx, notifyIncident, { incidentId });
      opened.push(incidentId);
    }
    return { opened, resolved };
  });
}

/** The portal's open incidents, as the banner and the card show them. */
export async function healthNotices(db: Database, portalId: string): Promise<HealthNotice[]> {
  const open = await openIncidents(db, portalId);
  // A connection marked a moment ago shows at once (ADR 0033): its incident opens at the next
  // check-health tick, but the card and the wizard must offer "Reconnect" now.
  const known = new Set(open.map((i) => i.subject));
  const fresh = (await connectionsNeedingReconnect(db)).filter(
    (p) => p.portalId === portalId && !known.has(p.subject),
  );
  return noticesOf(db, [...fresh, ...open]);
}

type Shown = Pick<IncidentRow, "kind" | "vendor" | "connectionId" | "portalId" | "objectType" | "failures">;

export async function noticesOf(db: Database, incidents: Shown[]): Promise<HealthNotice[]> {
  const names = await companyNames(db, [
    ...new Set(incidents.map((i) => i.connectionId).filter((c): c is string => c !== null)),
  ]);
  return incidents.map((i) => ({
    kind: i.kind,
    vendor: i.vendor,
    name: (i.connectionId && names.get(i.connectionId)) || i.portalId,
    ...(i.objectType ? { objectType: i.objectType, failures: i.failures } : {}),
    ...(i.kind === "needs_reconnect" ? { reconnectUrl: RECONNECT[i.vendor] } : {}),
  }));
}

/** Signing in with HubSpot again re-authorises the portal; a company reconnects from Connections. */
const RECONNECT = { hubspot: "/auth/hubspot", qbo: "/connections" } as const;
