import { isDeepStrictEqual } from "node:util";
import type { VendorError } from "../../../connectors/http-client.ts";
import { err, ok, type Result } from "../../../lib/result.ts";
import type { LedgerEntry } from "../../activity/index.ts";
import { rememberWritten } from "../../settings/index.ts";
import { keysOf, lookup, type Candidate, type MatchKey } from "../identity/index.ts";
import type { RunContext } from "../initial/context.ts";
import { etaSeconds, note, startProgress, type Counts } from "../initial/progress.ts";
import { pairsFor } from "../pairs.ts";
import { linksOf, type RecordLink } from "../repo/record-links.ts";
import { reviewReason } from "../review-reason.ts";
import { afterMatch, createValues, planUpdate, written } from "./decide.ts";
import { fieldOf, idColumn, memoryOf, newLink } from "./ends.ts";
import { chunkSizeOf } from "./plan.ts";
import { dropIndex, restoreIndex, saveIndex } from "./saved-index.ts";
import { isPending, isPendingId, pendingId, type Indexed, type Side } from "./side.ts";
import { emptyWork, ledgerEntry, persist, send, type Chunk, type Item, type Phase } from "./initial-work.ts";
import { WritePipeline } from "./write-pipeline.ts";

/** Chunks that may wait to be saved per write in flight. */
const UNSAVED_PER_SEND = 4;

/**
 * One phase of an initial sync (C4), either direction (ADR 0018, 0032): the target side is read
 * once into an in-memory index, then the source side page by page (the next page is read while
 * this one is written). Records are decided as the incremental sync would (filters, match keys,
 * review, create-and-update rule, field plan) in chunks of one batch's worth (or, for QBO, of the
 * planned mix of batches and single creates); each chunk's writes go out, then its links, reviews
 * and ledger are saved and the checkpoint (page cursor, records of that page done, counts) moves
 * past it. A crash or a stalled vendor resumes from the chunk that was not saved, never from the
 * start, and finds what it wrote (an upsert key, or a requestid QBO replays).
 */
export async function runInitial<S, T>(
  ctx: RunContext,
  source: Side<S>,
  target: Side<T>,
): Promise<Result<"done" | "paused", VendorError>> {
  const { kind, progress } = ctx;
  const pairs = await pairsFor(
    ctx.db,
    ctx.connection.connectionId,
    kind,
    target.vendor === "qbo" ? "to_qbo" : "to_hubspot",
  );
  const sourceFields = pairs.map((p) => fieldOf(p, source.vendor));
  const targetFields = pairs.map((p) => fieldOf(p, target.vendor));
  const pager = source.pager(progress, sourceFields);
  // A resumed run starts from the index its phase saved, where reading it again would cost (ADR 0047).
  const keepsIndex = target.keepsIndex === true && !ctx.dryRun;
  const restored = keepsIndex ? await restoreIndex<T>(ctx) : undefined;
  const opened = await target.openTarget(targetFields, {
    dryRun: ctx.dryRun,
    syncId: ctx.syncId,
    restored: restored?.index,
  });
  if (!opened.ok) return opened;
  if (keepsIndex && !restored) await saveIndex(ctx, opened.value.index);
  const links = new Map(
    (await linksOf(ctx.db, ctx.connection.connectionId, kind.link)).map((l) => [
      l[idColumn(source.vendor)],
      l,
    ]),
  );
  const linkedTargets = new Set([...links.values()].map((l) => l[idColumn(target.vendor)]));
  if (pager.total) {
    const total = await pager.total;
    if (!total.ok) return total;
    progress.total = total.value;
  }
  const phase: Phase<S, T> = {
    ctx,
    source,
    target,
    t: opened.value,
    pairs,
    sourceFields,
    targetFields,
    links,
    linkedTargets,
    pager,
    keepsIndex,
  };
  const t = phase.t;
  const chunkSize = t.mix ? chunkSizeOf(t.mix) : t.batchSize;
  // Writes a rerun finds again (upserts on our key) may run ahead of the saved checkpoint, four
  // chunks per write in flight (HubSpot: 16 and 64). QBO creates go one chunk at a time, each saved
  // before the next is decided, so a rerun rebuilds the same requests.
  const pipeline = t.idempotentCreates
    ? new WritePipeline(t.inFlight, t.inFlight * UNSAVED_PER_SEND)
    : new WritePipeline(1, 1);

  let failure: VendorError | undefined;
  let paused = false;
  const stopped = () => failure !== undefined || paused;
  /** Where the next chunk starts in the phase: the source records before it. */
  let position = progress.seen;

  /** Moves the checkpoint past a chunk whose writes landed and whose save is done. */
  const checkpointPast = async (chunk: Chunk) => {
    advance(phase, chunk);
    if (!(await ctx.checkpoint(structuredClone(progress)))) paused = true;
  };

  /**
   * Decides a chunk now and sends it alongside the chunks before it. Its save follows them, or,
   * where the target keeps its index, follows its own writes at once: the checkpoint still moves
   * in order, and a resume skips a chunk saved ahead of it instead of writing it again (ADR 0047).
   */
  const runChunk = async (items: Array<Item<S>>): Promise<Result<void, VendorError>> => {
    if (items.length === 0) return ok(undefined);
    const at = position;
    position += items.length;
    const chunk: Chunk = {
      tally: startProgress(progress.phase),
      work: emptyWork(),
      size: items.length,
      after: items[items.length - 1]!.after,
      at,
      sourceIds: items.map((i) => source.idOf(i.record)),
    };
    const saved = restored?.chunks.get(at);
    if (saved && isDeepStrictEqual(saved.sourceIds, chunk.sourceIds)) {
      Object.assign(chunk.tally, saved.tally);
      await pipeline.add(Promise.resolve(undefined), async () => {
        if (!stopped()) await checkpointPast(chunk);
      });
      return ok(undefined);
    }
    for (const { record } of items) {
      const decided = await decide(phase, record, chunk);
      if (!decided.ok) return decided;
    }
    if (ctx.dryRun) {
      advance(phase, chunk);
      return ok(undefined);
    }
    if (stopped()) return ok(undefined);
    const sending = keepsIndex
      ? send(phase, chunk).then(async (sent) => {
          if (sent.ok) await persist(phase, chunk);
          return sent;
        })
      : send(phase, chunk);
    await pipeline.add(sending, async (sent) => {
      if (stopped()) return;
      if (!sent.ok) {
        failure = sent.error;
        return;
      }
      if (!keepsIndex) await persist(phase, chunk);
      await checkpointPast(chunk);
    });
    return ok(undefined);
  };

  const finish = async (outcome: "done" | "paused"): Promise<Result<"done" | "paused", VendorError>> => {
    await pipeline.saved;
    if (failure) return err(failure);
    if (paused) return ok("paused");
    if (keepsIndex) await dropIndex(ctx);
    return ok(outcome);
  };

  try {
    let skip = progress.skip ?? 0;
    let items: Array<Item<S>> = [];
    for (;;) {
      const page = await pager.next();
      if (!page.ok) {
        await pipeline.saved;
        return page;
      }
      const { records, at, next, last } = page.value;
      for (let i = skip; i < records.length; i++) {
        const done = i + 1 === records.length;
        items.push({ record: records[i]!, after: done ? { ...next, skip: 0 } : { ...at, skip: i + 1 } });
        if (items.length < chunkSize) continue;
        const ran = await runChunk(items);
        items = [];
        if (!ran.ok) {
          await pipeline.saved;
          return ran;
        }
        // `return await` inside try: a finish that fails must not be dropped by the finally's await.
        if (stopped()) return await finish("paused");
      }
      skip = 0;
      if (last) {
        const ran = await runChunk(items);
        if (!ran.ok) {
          await pipeline.saved;
          return ran;
        }
        return await finish("done");
      }
    }
  } finally {
    await pipeline.saved;
  }
}

/** Folds a saved chunk into the run's progress: its counts, examples, cursor and the ETA. */
function advance<S, T>(phase: Phase<S, T>, chunk: Chunk): void {
  const { progress } = phase.ctx;
  for (const [what, n] of Object.entries(chunk.tally.counts)) progress.counts[what as keyof Counts] += n;
  for (const [what, list] of Object.entries(chunk.tally.examples)) {
    const into = (progress.examples[what as keyof Counts] ??= []);
    for (const example of list ?? []) if (into.length < 5) into.push(example);
  }
  progress.seen += chunk.size;
  Object.assign(progress, chunk.after);
  const remaining = Math.max(0, (progress.total ?? progress.seen) - progress.seen);
  const reads = phase.pager.readCalls(remaining);
  const writes = phase.t.writeCalls(remaining);
  progress.etaSeconds = etaSeconds({
    qboReads: reads.qboReads,
    hubspotCalls: reads.hubspotCalls + writes.hubspotCalls,
    qboBatches: writes.qboBatches,
    qboSingles: writes.qboSingles ?? 0,
  });
}

async function decide<S, T>(phase: Phase<S, T>, record: S, chunk: Chunk): Promise<Result<void, VendorError>> {
  const { ctx, source, target, t } = phase;
  const { kind } = ctx;
  const { work, tally: progress } = chunk;
  const id = source.idOf(record);
  const label = source.labelOf(record);
  const subject = source.subjectOf(record);
  const entry = (decision: string, outcome: LedgerEntry["outcome"]) => {
    work.ledger.push(ledgerEntry(phase, id, decision, outcome));
  };
  const skip = (what: "skipped" | "unchanged", decision: string) => {
    note(progress, what, label);
    entry(decision, "skipped");
    return ok(undefined);
  };
  const problem = source.problem(record);
  if (problem) {
    note(progress, "failed", label);
    entry(`${subject}: ${problem.message}`, "failed");
    return ok(undefined);
  }
  const settings = kind.settingsOf(ctx.settings);
  if (settings.createUpdate === "none") return skip("skipped", `${subject}: the rule is "do nothing"`);

  let link = phase.links.get(id);
  let how = "linked";
  if (link) {
    if (link.archived)
      return skip("skipped", `${subject}: its ${target.words.name} record was ${target.words.gone}`);
    // A side without batch updates is not rewritten in bulk: linked fields follow their next change.
    if (!t.updateBatch) return skip("unchanged", `${subject}: already linked`);
  } else {
    const refusal = source.refusal ? await source.refusal(record) : ok(undefined);
    if (!refusal.ok) return refusal;
    if (refusal.value) return skip("skipped", `${subject} is not synced: ${refusal.value}`);
    const identity = source.identityOf(record);
    const keys = keysOf(kind.link, identity, ctx.settings.contacts);
    const exact = t.exactKeyFor?.(id);
    const found = lookup(t.index, exact ? [exact, ...keys] : keys, identity.email, (cid, r) =>
      candidate(target, cid, r),
    );
    if (found.kind === "matched" && isPendingId(found.id)) {
      note(progress, "review", label);
      entry(
        `${subject}: shares its match keys with another record created in this run; sent to review`,
        "skipped",
      );
      return ok(undefined);
    }
    const step = afterMatch(found, settings.createUpdate, (tid) => phase.linkedTargets.has(tid));
    switch (step.step) {
      case "review":
        note(progress, "review", label);
        work.reviews.push({
          recordId: id,
          label,
          reason: reviewReason({
            by: step.by,
            keys,
            email: identity.email,
            target: target.vendor,
            candidates: step.candidates.length,
            linkedElsewhere: found.kind === "matched",
          }),
          candidates: step.candidates
            .filter((c) => !isPendingId(c.id))
            .map((c) => ({ id: c.id, label: c.label, ...(c.email ? { email: c.email } : {}) })),
        });
        entry(`${subject}: sent to review (${step.by})`, "skipped");
        return ok(undefined);
      case "update-only":
        return skip("skipped", `${subject}: no ${target.words.name} record fits and the rule only updates`);
      case "create":
        planCreate(phase, record, keys, chunk);
        return ok(undefined);
      case "link":
        link = newLink(
          ctx.connection.connectionId,
          kind.link,
          { vendor: source.vendor, id },
          { vendor: target.vendor, id: step.id },
        );
        work.newLinks.push(link);
        phase.linkedTargets.add(step.id);
        how = `linked by ${step.by}`;
        if (!t.updateBatch) {
          note(progress, "linked", label);
          entry(`${subject} linked to ${target.words.noun(step.id)} by ${step.by}`, "ok");
          return ok(undefined);
        }
    }
  }
  planLinked(phase, record, link, how, chunk);
  return ok(undefined);
}

const candidate = <T>(target: Side<T>, id: string, r: Indexed<T>): Candidate =>
  isPending(r) ? { id, label: r.label, email: r.email } : target.candidateOf(r);

/** A linked record's fields, planned against the indexed target: an update or nothing. */
function planLinked<S, T>(phase: Phase<S, T>, record: S, link: RecordLink, how: string, chunk: Chunk): void {
  const { ctx, source, target } = phase;
  const { work, tally } = chunk;
  const id = source.idOf(record);
  const label = source.labelOf(record);
  const targetId = link[idColumn(target.vendor)];
  const current = phase.t.index.records.get(targetId);
  const plan = planUpdate({
    pairs: phase.pairs,
    from: source.vendor,
    to: target.vendor,
    source: source.valuesOf(record, phase.sourceFields),
    target: current && !isPending(current) ? target.valuesOf(current, phase.targetFields) : {},
    link,
    settings: ctx.kind.settingsOf(ctx.settings),
  });
  const changes = written(plan.changes);
  const isNewLink = how !== "linked";
  const subject = source.subjectOf(record);
  const noun = target.words.noun(targetId);
  if (Object.keys(changes).length === 0) {
    note(tally, isNewLink ? "linked" : "unchanged", label);
    work.ledger.push(
      ledgerEntry(phase, id, `${subject}: ${noun} ${how}, nothing to write`, isNewLink ? "ok" : "skipped"),
    );
    return;
  }
  note(tally, isNewLink ? "linked" : "updated", label);
  work.updates.push({
    id: targetId,
    changes,
    link,
    written: rememberWritten(link[memoryOf(target.vendor)], plan.changes),
  });
  work.ledger.push(
    ledgerEntry(phase, id, `${subject} → ${noun} (${how}): ${Object.keys(changes).join(", ")}`, "ok"),
  );
}

/** A create, prepared now and indexed as pending: later records sharing its keys must not create too. */
function planCreate<S, T>(phase: Phase<S, T>, record: S, keys: MatchKey[], chunk: Chunk): void {
  const { source, target } = phase;
  const id = source.idOf(record);
  const label = source.labelOf(record);
  const identity = source.identityOf(record);
  const values = createValues(
    phase.pairs,
    source.vendor,
    target.vendor,
    source.valuesOf(record, phase.sourceFields),
  );
  const prepared = phase.t.prepare({ sourceId: id, identity, label, values, pairs: phase.pairs });
  // Only what a later match needs is kept: 100,000 creates must not hold 100,000 records.
  phase.t.index.add(pendingId(id), { pending: true, label, email: identity.email }, keys);
  if (phase.keepsIndex)
    chunk.work.indexed.push({ sourceId: id, keys: keys.map((k) => k.key), label, email: identity.email });
  note(chunk.tally, "created", label);
  chunk.work.creates.push({ prepared, subject: source.subjectOf(record) });
}
