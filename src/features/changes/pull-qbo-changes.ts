import type { Database } from "../../db/kysely.ts";
import { markProcessed, readCheckpoint, unprocessed, writeCheckpoint } from "./repo.ts";
import { recordLedger, type VendorCall as LedgerCall } from "../activity/index.ts";
import { changedSince, queryAll, type QboEntity } from "../../connectors/qbo/client.ts";
import type { VendorCall } from "../../connectors/http-client.ts";
import {
  ACTIVE_FIELD,
  parseChangeRef,
  saveFingerprint,
  UPDATED_AT_FIELD,
  type ChangedRecord,
} from "../../connectors/qbo/wire/index.ts";
import type { Tombstone } from "../../domain/accounting.ts";
import type { WireError } from "../../domain/wire-error.ts";
import type { Clock } from "../../lib/clock.ts";
import type { JobContext } from "../../queue/catalogue.ts";
import { nextCheckpoint, planReconcile, truncatedEntities } from "./reconcile-plan.ts";
import { readApplied, rememberApplied } from "./overlap.ts";
import { inTransaction } from "../../db/transaction.ts";
import { eachLimited } from "../../lib/limited.ts";
import { findQboConnectionById, type VendorClients } from "../connections/index.ts";

/** The QBO entities Ledgerlink follows. */
export const WATCHED_ENTITIES = ["Customer", "Item", "Invoice", "Payment", "Estimate"];
const NAME_LISTS = new Set(["Customer", "Item"]);

export interface QboChangeContext {
  portalId: string;
  connectionId: string;
  realmId: string;
  entity: string;
  object: QboEntity;
  trigger: string;
}

/** What a sync rule did with one change; undefined when the rule does not apply to it. */
export interface AppliedChange {
  decision: string;
  outcome: "ok" | "failed" | "skipped";
  errorCategory?: string;
  errorMessage?: string;
}

/** Sync rules (invoice status, contact and product sync) plug in here, in order; the first that applies wins. */
export type QboChangeRule = (change: QboChangeContext) => Promise<AppliedChange | undefined>;

export interface PullDeps {
  db: Database;
  clock: Clock;
  clients: VendorClients;
  rules: QboChangeRule[];
}

/**
 * Changes of one entity applied at once in a pull. Each is a different object (CDC returns an
 * object's latest state once), and its rules' calls to the other vendor are what a pull waits on:
 * one after another, every fault's retry delayed every change behind it (ADR 0044). Two invoices of
 * one deal may then write its properties out of order; the delayed recheck of each deal (ADR 0040)
 * writes the final values. Eight, not four: at 30 % faults four changes were often all waiting out
 * a retry at once (a 429's second, a slow answer) and the pull sent nothing though the vendor's
 * window had room; the rate budget, not this number, sets the pace.
 */
const APPLY_CONCURRENCY = 8;

const checkpointKey = (connectionId: string) => `qbo:${connectionId}:changes`;
/** What the last pull applied in the minute the next one reads again (overlap.ts). */
const appliedKey = (connectionId: string) => `qbo:${connectionId}:changes:applied`;

/**
 * Reads what changed in a QBO company since the checkpoint (CDC, or paged queries when CDC cannot
 * be trusted: those do not show deleted transactions, which the next CDC within 30 days does), applies the sync rules to each object, records every decision in the ledger, and
 * only then moves the checkpoint: a crash re-reads, never skips.
 */
export async function pullQboChangesHandler(
  deps: PullDeps,
  ctx: JobContext<{ connectionId: string; reason: string }>,
): Promise<void> {
  const conn = await findQboConnectionById(deps.db, ctx.payload.connectionId);
  if (!conn || conn.status !== "active") return; // disconnected or needs reconnect: nothing to pull

  const calls: LedgerCall[] = [];
  const http = deps.clients.qbo(conn, (call: VendorCall) =>
    calls.push({
      vendor: "qbo",
      method: call.method,
      path: call.path,
      status: call.status,
      ms: call.durationMs,
      errorKind: call.errorKind,
    }),
  );
  const key = checkpointKey(conn.connectionId);
  const since = new Date((await readCheckpoint(deps.db, key)) ?? conn.createdAt.toISOString());
  const inbox = await unprocessed(deps.db, "qbo", conn.realmId);
  const seen = readApplied(await readCheckpoint(deps.db, appliedKey(conn.connectionId)));

  const changes = await collectChanges(http, since, deps.clock.now());
  if (!changes.ok) {
    await recordLedger(deps.db, {
      portalId: conn.portalId,
      connectionId: conn.connectionId,
      objectType: "connection",
      objectId: conn.realmId,
      trigger: ctx.payload.reason,
      decision: "read changes from QuickBooks",
      outcome: "failed",
      vendorCalls: calls,
      errorCategory: changes.error.kind,
      errorMessage: changes.error.message,
      retryJob: { name: "pull-qbo-changes", payload: { connectionId: conn.connectionId, reason: "user" } },
      jobId: ctx.jobId,
      at: deps.clock.now(),
    });
    if (changes.error.retryable) throw new Error(`QBO changes: ${changes.error.message}`);
    return;
  }

  const applied: Array<{ fingerprint: string; updatedAt?: Date }> = [];
  try {
    // Entities in order (an invoice before the payments on it), the objects of one entity side by side.
    for (const [entity, objects] of Object.entries(changes.value.byEntity)) {
      await eachLimited(objects, APPLY_CONCURRENCY, async (object) => {
        const ref = parseChangeRef(object);
        const print = ref.ok ? saveFingerprint(entity, object) : undefined;
        if (print && seen.has(print)) {
          applied.push({ fingerprint: print, updatedAt: ref.ok ? ref.value.updatedAt : undefined });
          return; // applied by the previous pull, read again only for the overlap
        }
        const outcome = ref.ok
          ? await applyRules(
              deps.rules,
              {
                portalId: conn.portalId,
                connectionId: conn.connectionId,
                realmId: conn.realmId,
                entity,
                object,
                trigger: ctx.payload.reason,
              },
              ref.value,
            )
          : unreadable(entity, ref.error);
        await recordLedger(deps.db, {
          portalId: conn.portalId,
          connectionId: conn.connectionId,
          objectType: entity.toLowerCase(),
          objectId: ref.ok ? ref.value.id : (ref.error.id ?? null),
          trigger: ctx.payload.reason,
          ...outcome,
          vendorCalls: calls.splice(0),
          jobId: ctx.jobId,
          at: deps.clock.now(),
        });
        // A failed one is not remembered: the next pull, reading the overlap again, tries it again.
        if (print && outcome.outcome !== "failed") {
          applied.push({ fingerprint: print, updatedAt: ref.ok ? ref.value.updatedAt : undefined });
          // Moving forward: a retry after a fault goes on past it, so the next wait starts again
          // from seconds instead of doubling with every failure of this pull (ADR 0044).
          await ctx.progress?.();
        }
      });
    }
  } catch (error) {
    // A rule that throws (a vendor fault its own retries did not outlast) fails the pull, which is
    // retried from the same checkpoint. What this attempt applied is remembered first, so the
    // retry goes on from the change that failed instead of reading the other vendor again for
    // every change before it, each of which costs calls (and meets faults) again.
    await writeCheckpoint(
      deps.db,
      appliedKey(conn.connectionId),
      rememberApplied(applied, since, seen),
      deps.clock.now(),
    );
    throw error;
  }
  const checkpoint = nextCheckpoint(changes.value.serverTime);
  await inTransaction(deps.db, async (trx) => {
    await writeCheckpoint(trx, key, checkpoint.toISOString(), deps.clock.now());
    await writeCheckpoint(
      trx,
      appliedKey(conn.connectionId),
      rememberApplied(applied, checkpoint),
      deps.clock.now(),
    );
  });
  await markProcessed(
    deps.db,
    inbox.map((row) => row.id),
    deps.clock.now(),
  );
}

async function applyRules(
  rules: QboChangeRule[],
  change: QboChangeContext,
  ref: ChangedRecord | Tombstone,
): Promise<AppliedChange> {
  for (const rule of rules) {
    const applied = await rule(change);
    if (applied) return applied;
  }
  return {
    decision: `${change.entity} ${ref.id} ${ref.deleted ? "deleted" : "changed"} in QuickBooks; no sync rule applies to it`,
    outcome: "skipped",
  };
}

/** A row without even an id: no rule can act on it, and reading it again will not help. */
function unreadable(entity: string, error: WireError): AppliedChange {
  return {
    decision: `${entity} changed in QuickBooks but could not be read`,
    outcome: "failed",
    errorCategory: error.kind,
    errorMessage: error.message,
  };
}

async function collectChanges(http: ReturnType<VendorClients["qbo"]>, since: Date, now: Date) {
  const plan = planReconcile(since, now);
  const where = (entity: string): Parameters<typeof queryAll>[1] => ({
    entity,
    where: [
      [UPDATED_AT_FIELD, ">=", since],
      // Name lists hide inactive records unless Active is filtered, and "made inactive" is how a
      // customer or item is deleted in QBO (C3, P3): ask for both.
      ...(NAME_LISTS.has(entity) ? [[ACTIVE_FIELD, "IN", [true, false]] as [string, "IN", boolean[]]] : []),
    ],
    orderBy: { field: UPDATED_AT_FIELD },
  });
  if (plan.kind === "query") return queryEach(http, WATCHED_ENTITIES, where);
  const cdc = await changedSince(http, WATCHED_ENTITIES, since);
  if (!cdc.ok) return cdc;
  const counts = Object.fromEntries(Object.entries(cdc.value.byEntity).map(([e, list]) => [e, list.length]));
  for (const entity of truncatedEntities(counts)) {
    // CDC said "1,000": there may be more. Re-read this entity completely by paged query.
    const all = await queryAll(http, where(entity));
    if (!all.ok) return all;
    cdc.value.byEntity[entity] = all.value.rows;
  }
  return cdc;
}

async function queryEach(
  http: ReturnType<VendorClients["qbo"]>,
  entities: string[],
  where: (entity: string) => Parameters<typeof queryAll>[1],
) {
  const byEntity: Record<string, QboEntity[]> = {};
  let serverTime: Date | undefined;
  for (const entity of entities) {
    const all = await queryAll(http, where(entity));
    if (!all.ok) return all;
    byEntity[entity] = all.value.rows;
    serverTime ??= all.value.serverTime;
  }
  return { ok: true as const, value: { byEntity, serverTime: serverTime! } };
}
