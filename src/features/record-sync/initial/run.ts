import type { Database } from "../../../db/kysely.ts";
import { findInitialSync, saveProgress, setStatus } from "../repo/initial-syncs.ts";
import { findPortal, findQboConnectionById, NEEDS_RECONNECT } from "../../connections/index.ts";
import type { Clock } from "../../../lib/clock.ts";
import { realSleep, type Sleep } from "../../../connectors/http-client.ts";
import { StallGuard, STALLED } from "./stall.ts";
import { recordLedger } from "../../activity/index.ts";

import type { JobContext } from "../../../queue/catalogue.ts";
import { customerKind, PRODUCT_KIND } from "../kinds.ts";
import { loadSettings } from "../../settings/index.ts";
import type { VendorClients } from "../../connections/index.ts";
import type { RunContext } from "./context.ts";
import { resultOf, startProgress, type Progress } from "./progress.ts";
import { runPhase } from "./phase.ts";

/** The job's name, for the Activity page's Retry (jobs.ts defines the job and imports this file). */
const initialSyncJobName = "initial-sync";

export interface RunDeps {
  db: Database;
  clock: Clock;
  clients: VendorClients;
  /** How long a run may go without saving a batch before it gives up (SYNC_STALL_TIMEOUT_SECONDS). */
  syncStallTimeoutMs?: number;
  /** Waits between retries of a failing vendor call; tests move their clock instead. */
  sleep?: Sleep;
  /** Tests only: runs after each saved checkpoint (to inject a fault or a crash mid-run). */
  afterCheckpoint?: (progress: Progress) => Promise<void>;
}

/** SYNC_STALL_TIMEOUT_SECONDS' default: a vendor outage of a few minutes is waited out. */
export const DEFAULT_STALL_MS = 15 * 60_000;

/** The phases a direction runs, in order: two-way brings QBO's records over first, then HubSpot's. */
export const phasesOf = (direction: string): Array<"to_hubspot" | "to_qbo"> =>
  direction === "to_hubspot"
    ? ["to_hubspot"]
    : direction === "to_qbo"
      ? ["to_qbo"]
      : ["to_hubspot", "to_qbo"];

/**
 * `initial-sync`: runs (or resumes) one initial sync from its stored progress, phase by phase,
 * saving progress after every chunk of writes (ADR 0032). A pause is seen at the next chunk. A
 * retryable vendor failure is retried in place, after its Retry-After, while chunks keep being
 * saved; after SYNC_STALL_TIMEOUT_SECONDS without one the run stops as failed, says why, and its
 * Retry resumes from the last saved chunk. A crash resumes from there too (the queue runs the job
 * again).
 */
export async function initialSyncHandler(
  deps: RunDeps,
  job: JobContext<{ syncId: string; resume?: boolean }>,
): Promise<void> {
  if (job.payload.resume)
    await setStatus(deps.db, job.payload.syncId, ["failed"], "running", deps.clock.now(), { error: null });
  const row = await findInitialSync(deps.db, job.payload.syncId);
  if (!row || row.status !== "running") return;
  const conn = await findQboConnectionById(deps.db, row.connectionId);
  const portal = conn && (await findPortal(deps.db, conn.portalId));
  if (!conn || !portal || conn.status !== "active" || portal.status !== "active") {
    await setStatus(deps.db, row.syncId, ["running"], "failed", deps.clock.now(), {
      error: "the HubSpot portal or the QuickBooks company is not connected",
    });
    return;
  }
  const settings = await loadSettings(deps.db, row.connectionId);
  const kind = row.object === "products" ? PRODUCT_KIND : customerKind(settings);
  let progress = row.progress as Progress;
  delete progress.stalled;
  const phases = phasesOf(row.direction);
  const guard = new StallGuard(
    deps.clock,
    deps.sleep ?? realSleep,
    deps.syncStallTimeoutMs ?? DEFAULT_STALL_MS,
  );
  const hubspot = guard.wrap(deps.clients.hubspot(portal));
  const qbo = guard.wrap(deps.clients.qbo(conn));
  for (const phase of phases.slice(Math.max(0, phases.indexOf(progress.phase as "to_hubspot" | "to_qbo")))) {
    // Each direction counts on its own; the finished one is kept beside it (C4's result = its preview's shape).
    if (progress.phase !== phase)
      progress = {
        ...startProgress(phase),
        finished: [...(progress.finished ?? []), resultOf(progress, progress.phase as "to_hubspot")],
      };
    const ctx: RunContext = {
      db: deps.db,
      now: () => deps.clock.now(),
      hubspot,
      qbo,
      connection: conn,
      settings,
      kind,
      syncId: row.syncId,
      dryRun: false,
      progress,
      checkpoint: async (p) => {
        guard.progressed();
        const running = await saveProgress(deps.db, row.syncId, p, deps.clock.now());
        await deps.afterCheckpoint?.(p);
        // A saved batch is progress: the queue keeps retrying a run that keeps moving (ADR 0030).
        await job.progress?.();
        return running;
      },
    };
    const run = await runPhase(ctx, phase);
    if (!run.ok) {
      if (run.error.code === STALLED) {
        const stalled = { seconds: Math.round(guard.stallMs / 1000), error: guard.lastError?.message ?? "" };
        await setStatus(deps.db, row.syncId, ["running"], "failed", deps.clock.now(), {
          progress: { ...progress, stalled },
          error: run.error.message,
        });
        // The Activity page says why too, with a Retry that resumes from the checkpoint.
        await recordLedger(deps.db, {
          portalId: conn.portalId,
          connectionId: conn.connectionId,
          objectType: "initial sync",
          objectId: row.syncId,
          trigger: "initial sync",
          decision: `initial sync of ${row.object} stopped after ${stalled.seconds} s without saving a batch; Retry continues from the last saved batch`,
          outcome: "failed",
          errorCategory: run.error.kind,
          errorMessage: stalled.error,
          retryJob: { name: initialSyncJobName, payload: { syncId: row.syncId, resume: true } },
          jobId: row.syncId,
          at: deps.clock.now(),
        });
        return;
      }
      // ADR 0033: a refused grant is not the end of the run; the job parks until the reconnect.
      if (run.error.retryable || run.error.code === NEEDS_RECONNECT) {
        await saveProgress(deps.db, row.syncId, progress, deps.clock.now());
        throw new Error(`initial sync ${row.syncId}: ${run.error.message}`);
      }
      await setStatus(deps.db, row.syncId, ["running"], "failed", deps.clock.now(), {
        progress,
        error: run.error.message,
      });
      return;
    }
    if (run.value === "paused") return;
    if (!(await saveProgress(deps.db, row.syncId, progress, deps.clock.now()))) return;
  }
  const last = progress.phase === "done" ? undefined : resultOf(progress, progress.phase);
  await setStatus(deps.db, row.syncId, ["running"], "done", deps.clock.now(), {
    progress: {
      ...progress,
      phase: "done",
      etaSeconds: 0,
      finished: [...(progress.finished ?? []), ...(last ? [last] : [])],
    },
  });
}
