import type { VendorError } from "../../../connectors/http-client.ts";
import { ok, type Result } from "../../../lib/result.ts";
import { recordLedgerMany, type LedgerEntry } from "../../activity/index.ts";
import type { RunContext } from "../initial/context.ts";
import type { Progress } from "../initial/progress.ts";
import type { Pair } from "../pairs.ts";
import { inTransaction } from "../../../db/transaction.ts";
import type { CreatedEntry } from "../repo/initial-index.ts";
import { saveLinks, type RecordLink } from "../repo/record-links.ts";
import { addReview, type ReviewCandidate } from "../repo/review-items.ts";
import { chunks, inFlight } from "./batches.ts";
import { saveSavedChunk } from "./saved-index.ts";
import { memoryOf, newLink } from "./ends.ts";
import { planCreates, type Planned } from "./plan.ts";
import type { CreateOutcome, Cursor, Pager, Prepared, Side, Target } from "./side.ts";

/*
 * An initial sync phase's chunk of work (engine/initial.ts decides it): what a chunk holds, how its
 * writes go out (batches and singles as planned, a few in flight) and how it is saved.
 */

export interface Waiting {
  prepared: Prepared;
  subject: string;
}

/** What one chunk decided, wrote, and will save. */
export interface Work {
  creates: Waiting[];
  updates: Array<{
    id: string;
    changes: Record<string, string>;
    link: RecordLink;
    written: Record<string, string>;
  }>;
  newLinks: RecordLink[];
  reviews: Array<{ recordId: string; label: string; reason: string; candidates: ReviewCandidate[] }>;
  ledger: LedgerEntry[];
  /** The keys of its creates, saved with it where the target keeps its index (ADR 0047). */
  indexed: CreatedEntry[];
}

export const emptyWork = (): Work => ({
  creates: [],
  updates: [],
  newLinks: [],
  reviews: [],
  ledger: [],
  indexed: [],
});

export interface Phase<S, T> {
  ctx: RunContext;
  source: Side<S>;
  target: Side<T>;
  t: Target<T>;
  pairs: Pair[];
  sourceFields: string[];
  targetFields: string[];
  /** Links by source id, and the target ids already linked (this run's links included). */
  links: Map<string, RecordLink>;
  linkedTargets: Set<string>;
  pager: Pager<S>;
  /** The target's index is saved, and each chunk's creates with it (ADR 0047). */
  keepsIndex: boolean;
}

/** A source record and where the run stands once it is done (the cursor a checkpoint saves). */
export interface Item<S> {
  record: S;
  after: Partial<Cursor> & { skip: number };
}

/** One chunk's decisions: its own counts (merged into the run's at its checkpoint) and its work. */
export interface Chunk {
  tally: Progress;
  work: Work;
  size: number;
  after: Item<unknown>["after"];
  /** Its position in the phase (the source records before it) and its records, in order. */
  at: number;
  sourceIds: string[];
}

export function ledgerEntry<S, T>(
  phase: Phase<S, T>,
  objectId: string,
  decision: string,
  outcome: LedgerEntry["outcome"],
): LedgerEntry {
  const { ctx } = phase;
  return {
    portalId: ctx.connection.portalId,
    connectionId: ctx.connection.connectionId,
    objectType: phase.source.ledgerType,
    objectId,
    trigger: "initial sync",
    decision,
    outcome,
    jobId: ctx.syncId,
    at: ctx.now(),
  };
}

/** One source record's decision, noted in the progress counts and the page's work. */
/** Sends a chunk's creates (batches and singles as planned), then its updates, a few in flight. */
export async function send<S, T>(phase: Phase<S, T>, chunk: Chunk): Promise<Result<void, VendorError>> {
  const { ctx, source, target, t } = phase;
  const { work, tally } = chunk;
  const outcome = (waiting: Waiting, result: CreateOutcome) => {
    const { prepared, subject } = waiting;
    if ("id" in result) {
      work.newLinks.push(
        newLink(
          ctx.connection.connectionId,
          ctx.kind.link,
          { vendor: source.vendor, id: prepared.sourceId },
          { vendor: target.vendor, id: result.id, written: prepared.written },
        ),
      );
      work.ledger.push(
        ledgerEntry(phase, prepared.sourceId, `${subject} → created ${target.words.noun(result.id)}`, "ok"),
      );
      return;
    }
    tally.counts.created--;
    tally.counts.failed++;
    work.ledger.push(
      ledgerEntry(
        phase,
        prepared.sourceId,
        `${subject}: ${target.words.name} refused the create: ${result.refused}`,
        "failed",
      ),
    );
  };
  const createOne = t.createOne;
  const planned: Array<Planned<Waiting>> =
    t.mix && createOne
      ? planCreates(work.creates, t.mix)
      : chunks(work.creates, t.batchSize).map((batch) => ({ batch }));
  const created = await inFlight(planned, t.inFlight, async (request) => {
    if ("single" in request) {
      const res = await createOne!(request.single.prepared);
      if (!res.ok) return res;
      outcome(request.single, res.value);
      return ok(undefined);
    }
    const res = await t.createBatch(request.batch.map((c) => c.prepared));
    if (!res.ok) return res;
    for (const [j, result] of res.value.entries()) outcome(request.batch[j]!, result);
    return ok(undefined);
  });
  if (!created.ok || !t.updateBatch) return created;
  const updateBatch = t.updateBatch;
  const memory = memoryOf(target.vendor);
  return inFlight(chunks(work.updates, t.batchSize), t.inFlight, async (batch) => {
    const res = await updateBatch(batch.map((u) => ({ id: u.id, changes: u.changes })));
    if (!res.ok) return res;
    for (const u of batch) u.link[memory] = u.written;
    return ok(undefined);
  });
}

/**
 * Saves a written chunk in one transaction: its links, what was written through them, its
 * reviews, its ledger and, where the target keeps its index, what a resume needs to skip it (its
 * records, the keys of its creates, its counts). A crash saves all of it or none.
 */
export async function persist<S, T>(phase: Phase<S, T>, chunk: Chunk): Promise<void> {
  const { ctx } = phase;
  const { work } = chunk;
  const now = ctx.now();
  await inTransaction(ctx.db, async (db) => {
    await saveLinks(
      db,
      work.newLinks,
      work.updates.map((u) => u.link),
      now,
    );
    for (const review of work.reviews)
      await addReview(
        db,
        {
          connectionId: ctx.connection.connectionId,
          kind: ctx.kind.link,
          side: phase.source.vendor,
          ...review,
        },
        now,
      );
    await recordLedgerMany(db, work.ledger);
    if (!phase.keepsIndex) return;
    const { counts, examples } = chunk.tally;
    await saveSavedChunk(ctx, db, chunk.at, {
      sourceIds: chunk.sourceIds,
      created: work.indexed,
      tally: { counts, examples },
    });
  });
}
