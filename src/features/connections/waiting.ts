import { AsyncLocalStorage } from "node:async_hooks";
import type { Database } from "../../db/kysely.ts";
import type { Clock } from "../../lib/clock.ts";
import { errorMessage } from "../../lib/errors.ts";
import type { JobContext } from "../../queue/catalogue.ts";
import { lockOwner, ownerStatus, parkJob, takeParkedJobs } from "./repo/parked-jobs.ts";
import { findPortal } from "./repo/portals.ts";
import { tokenContext, type TokenOwner } from "./repo/tokens.ts";

/**
 * Work that cannot go on until something else happens parks instead of failing (ADR 0033): a job
 * whose connection needs reconnecting (its grant was refused) waits for the reconnect; a job that
 * needs a portal's set-up (Ledgerlink's properties, e.g. the unique `qbo_customer_key`) waits for
 * it. Either way it ends quietly, spending none of its retries, and is re-enqueued in the same
 * transaction as the event it waits for.
 */

/** What a parked job waits for: `qbo:<connection>`, `hubspot:<portal>` (a reconnect) or `setup:<portal>`. */
export const reconnectOf = (owner: TokenOwner) => tokenContext(owner);
export const setupOf = (portalId: string) => `setup:${portalId}`;

/** Thrown by a handler that must wait for `waitsFor` (e.g. a portal's set-up). */
export class WaitingFor extends Error {
  constructor(
    readonly waitsFor: string,
    reason: string,
  ) {
    super(reason);
    this.name = "WaitingFor";
  }
}

/** A queue that can send a job by its name (JobQueue), which is how parked jobs come back. */
export interface ResumingQueue {
  enqueueByName(trx: Database, name: string, payload: unknown): Promise<string | null>;
}

// The connections a job's vendor calls found needing a reconnect, per running job: the vendor
// clients note them here (noteNeedsReconnect) wherever in the handler the call was made.
const refusedOwners = new AsyncLocalStorage<Set<string>>();

/** Called by the vendor clients when a call was refused because `owner` needs reconnecting. */
export function noteNeedsReconnect(owner: TokenOwner): void {
  refusedOwners.getStore()?.add(reconnectOf(owner));
}

/** Does the portal's set-up (its properties) exist yet? */
export async function portalSetUp(db: Database, portalId: string): Promise<boolean> {
  return Boolean((await findPortal(db, portalId))?.setupCompletedAt);
}

/** Throws WaitingFor when the portal is not set up yet: call it first in jobs that need its properties. */
export async function requirePortalSetUp(db: Database, portalId: string): Promise<void> {
  const portal = await findPortal(db, portalId);
  // A portal that is gone is the handler's own business (it usually does nothing).
  if (portal && !portal.setupCompletedAt)
    throw new WaitingFor(setupOf(portalId), `waiting for the set-up of portal ${portalId}`);
}

interface GateDeps {
  db: Database;
  clock: Clock;
  queue: Partial<ResumingQueue>;
}

/**
 * Runs a job's handler behind the gate: a job naming a connection that needs reconnecting parks
 * without running; a handler that throws WaitingFor, or whose calls met a refused grant, parks
 * (its error swallowed) instead of failing and being retried.
 */
export async function runGated<P>(
  deps: GateDeps,
  jobName: string,
  ctx: JobContext<P>,
  run: () => Promise<void>,
): Promise<void> {
  for (const owner of ownersNamedIn(ctx.payload)) {
    if ((await ownerStatus(deps.db, owner)) === "needs_reconnect")
      return park(deps, jobName, ctx, owner, "waiting for reconnect");
  }
  const refused = new Set<string>();
  try {
    await refusedOwners.run(refused, run);
  } catch (error) {
    if (error instanceof WaitingFor) return park(deps, jobName, ctx, error.waitsFor, error.message);
    if (refused.size === 0) throw error;
    ctx.log.info({ err: errorMessage(error) }, "job met a connection that needs reconnecting");
  }
  // Even a handler that handled the refusal itself is run again once reconnected (handlers are idempotent).
  for (const owner of refused) await park(deps, jobName, ctx, owner, "waiting for reconnect");
}

/** Top-level `connectionId` / `portalId` of a payload: the connections the job is about. */
function ownersNamedIn(payload: unknown): string[] {
  if (!payload || typeof payload !== "object") return [];
  const p = payload as Record<string, unknown>;
  const owners: string[] = [];
  if (typeof p.connectionId === "string")
    owners.push(reconnectOf({ kind: "qbo", connectionId: p.connectionId }));
  if (typeof p.portalId === "string") owners.push(reconnectOf({ kind: "portal", portalId: p.portalId }));
  return owners;
}

/**
 * Parks the job under the owner's row lock, so a reconnect (or set-up) committing at the same
 * moment either sees the parked row or is seen here; if the wait is already over, it re-enqueues.
 */
async function park<P>(
  deps: GateDeps,
  jobName: string,
  ctx: JobContext<P>,
  waitsFor: string,
  reason: string,
) {
  await deps.db.transaction().execute(async (trx) => {
    const wait = await lockOwner(trx, waitsFor);
    // Gone (disconnected, uninstalled): nothing to wait for, and nothing left to do.
    if (wait === "gone") return;
    if (wait === "waiting")
      return parkJob(trx, { waitsFor, jobName, payload: ctx.payload, reason }, deps.clock.now());
    if (!deps.queue.enqueueByName)
      throw new Error(`${jobName}: ${waitsFor} is ready, but the job cannot be re-sent`);
    await deps.queue.enqueueByName(trx, jobName, ctx.payload);
  });
  ctx.log.info({ waitsFor, reason }, `job ${jobName} parked: ${reason}`);
}

/** Re-enqueues every job waiting for `waitsFor`, inside the transaction that ended the wait. */
export async function resumeParkedJobs(
  trx: Database,
  queue: Partial<ResumingQueue> | undefined,
  waitsFor: string,
): Promise<number> {
  if (!queue?.enqueueByName) return 0;
  const jobs = await takeParkedJobs(trx, waitsFor);
  for (const job of jobs) await queue.enqueueByName(trx, job.jobName, job.payload);
  return jobs.length;
}
