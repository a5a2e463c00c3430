import type { Database } from "../../../db/kysely.ts";
import { findQboConnectionById } from "../../connections/index.ts";
import { findInitialSync, saveProgress, setStatus } from "../repo/initial-syncs.ts";
import { findPortal } from "../../connections/index.ts";
import type { Clock } from "../../../lib/clock.ts";
import type { JobContext } from "../../../queue/catalogue.ts";
import { customerKind, PRODUCT_KIND } from "../kinds.ts";
import { loadSettings } from "../../settings/index.ts";
import type { VendorClients } from "../../connections/index.ts";
import type { RunContext } from "./context.ts";
import { resultOf, startProgress, type Progress } from "./progress.ts";
import { runPhase } from "./phase.ts";

export interface RunDeps {
  db: Database;
  clock: Clock;
  clients: VendorClients;
}

/** The phases a direction runs, in order: two-way brings QBO's records over first, then HubSpot's. */
export const phasesOf = (direction: string): Array<"to_hubspot" | "to_qbo"> =>
  direction === "to_hubspot"
    ? ["to_hubspot"]
    : direction === "to_qbo"
      ? ["to_qbo"]
      : ["to_hubspot", "to_qbo"];

/**
 * `initial-sync`: runs (or resumes) one initial sync from its stored progress, phase by phase,
 * saving progress after every page. A pause is seen at the next page; a retryable vendor failure
 * throws so the queue retries from the last saved page; anything else ends the run as failed.
 */
export async function initialSyncHandler(deps: RunDeps, job: JobContext<{ syncId: string }>): Promise<void> {
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
  const phases = phasesOf(row.direction);
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
      hubspot: deps.clients.hubspot(portal),
      qbo: deps.clients.qbo(conn),
      connection: conn,
      settings,
      kind,
      syncId: row.syncId,
      dryRun: false,
      progress,
      checkpoint: (p) => saveProgress(deps.db, row.syncId, p, deps.clock.now()),
    };
    const run = await runPhase(ctx, phase);
    if (!run.ok) {
      if (run.error.retryable) {
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
