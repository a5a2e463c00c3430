import { randomUUID } from "node:crypto";
import type { VendorError } from "../../../connectors/http-client.ts";
import type { Database } from "../../../db/kysely.ts";
import { findQboConnectionById } from "../../connections/index.ts";
import {
  findInitialSync,
  initialSyncsOf,
  insertInitialSync,
  setStatus,
  transaction,
  type InitialSyncRow,
} from "../repo/initial-syncs.ts";
import { findPortal } from "../../connections/index.ts";
import { err, ok, type Result } from "../../../lib/result.ts";
import type { Enqueuer } from "../../../queue/catalogue.ts";
import { customerKind, PRODUCT_KIND } from "../kinds.ts";
import { flowsToHubSpot, flowsToQbo } from "../../settings/index.ts";
import { loadSettings } from "../../settings/index.ts";
import type { VendorClients } from "../../connections/index.ts";
import type { RunContext } from "./context.ts";
import { initialSync } from "../jobs.ts";
import { etaSeconds, startProgress, type Progress } from "./progress.ts";
import { phasesOf } from "./run.ts";
import { runPhase } from "./phase.ts";

export type SyncObject = "contacts" | "products";
export type { InitialSyncRow };

export interface Preview {
  direction: "two_way" | "to_hubspot" | "to_qbo";
  phases: Array<{ phase: "to_hubspot" | "to_qbo"; progress: Progress }>;
  etaSeconds: number;
}

/** Why a sync cannot start: a message key for the page. */
export type Refusal = "initial.off" | "initial.running" | "initial.notConnected";

/**
 * C4's "Preview": classifies every record of both sides exactly as a run would, and writes
 * nothing. Returns counts and examples per action and side, and the ETA at the rate limits.
 */
export async function previewInitialSync(
  db: Database,
  clients: VendorClients,
  connectionId: string,
  object: SyncObject,
  now: () => Date,
): Promise<Result<Preview, VendorError | Refusal>> {
  const settings = await loadSettings(db, connectionId);
  const objectSettings = object === "products" ? settings.products : settings.contacts;
  if (!objectSettings.enabled) return err("initial.off");
  const conn = await findQboConnectionById(db, connectionId);
  const portal = conn && (await findPortal(db, conn.portalId));
  if (!conn || !portal) return err("initial.notConnected");
  const kind = object === "products" ? PRODUCT_KIND : customerKind(settings);
  const phases: Preview["phases"] = [];
  let eta = 0;
  for (const phase of phasesOf(objectSettings.direction)) {
    const progress = startProgress(phase);
    const ctx: RunContext = {
      db,
      now,
      hubspot: clients.hubspot(portal),
      qbo: clients.qbo(conn),
      connection: conn,
      settings,
      kind,
      syncId: "preview",
      dryRun: true,
      progress,
      checkpoint: async () => true,
    };
    const res = await runPhase(ctx, phase);
    if (!res.ok) return res;
    phases.push({ phase, progress });
    const writes = progress.counts.created + progress.counts.updated + progress.counts.linked;
    eta +=
      phase === "to_hubspot"
        ? etaSeconds({
            qboReads: Math.ceil(progress.seen / 1000),
            hubspotCalls: Math.ceil(writes / 100),
            qboBatches: 0,
          })
        : etaSeconds({
            qboReads: 0,
            hubspotCalls: Math.ceil(progress.seen / 100),
            qboBatches: Math.ceil(progress.counts.created / 30),
          });
  }
  return ok({ direction: objectSettings.direction, phases, etaSeconds: Math.ceil(eta) });
}

/** C4's "Start": records the run and queues it in one transaction; one run per company and object at a time. */
export async function startInitialSync(
  db: Database,
  queue: Enqueuer,
  connectionId: string,
  object: SyncObject,
  now: Date,
): Promise<Result<string, Refusal>> {
  const settings = await loadSettings(db, connectionId);
  const objectSettings = object === "products" ? settings.products : settings.contacts;
  if (!flowsToHubSpot(objectSettings) && !flowsToQbo(objectSettings)) return err("initial.off");
  const active = (await initialSyncsOf(db, connectionId)).find(
    (r) => r.object === object && (r.status === "running" || r.status === "paused"),
  );
  if (active) return err("initial.running");
  const syncId = randomUUID();
  const [first] = phasesOf(objectSettings.direction);
  await transaction(db, async (trx) => {
    await insertInitialSync(
      trx,
      {
        syncId,
        connectionId,
        object,
        direction: objectSettings.direction,
        plan: { direction: objectSettings.direction },
        progress: startProgress(first!),
      },
      now,
    );
    await queue.enqueue(trx, initialSync, { syncId });
  });
  return ok(syncId);
}

export async function pauseInitialSync(db: Database, syncId: string, now: Date): Promise<boolean> {
  return setStatus(db, syncId, ["running"], "paused", now);
}

/** Resume: running again, and queued in the same transaction; it continues from the saved page. */
export async function resumeInitialSync(
  db: Database,
  queue: Enqueuer,
  syncId: string,
  now: Date,
): Promise<boolean> {
  return transaction(db, async (trx) => {
    if (!(await findInitialSync(trx, syncId))) return false;
    if (!(await setStatus(trx, syncId, ["paused", "failed"], "running", now, { error: null }))) return false;
    await queue.enqueue(trx, initialSync, { syncId });
    return true;
  });
}

/** A run of this company, for its progress page; undefined when it is another company's. */
export async function runOf(
  db: Database,
  connectionId: string,
  syncId: string,
): Promise<InitialSyncRow | undefined> {
  const run = await findInitialSync(db, syncId);
  return run?.connectionId === connectionId ? run : undefined;
}
