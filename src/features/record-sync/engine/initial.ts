import type { VendorError } from "../../../connectors/http-client.ts";
import { err, ok, type Result } from "../../../lib/result.ts";
import { recordLedgerMany, type LedgerEntry } from "../../activity/index.ts";
import { rememberWritten } from "../../settings/index.ts";
import { keysOf, lookup, type Candidate, type MatchKey } from "../identity/index.ts";
import type { RunContext } from "../initial/context.ts";
import { etaSeconds, note, startProgress, type Counts, type Progress } from "../initial/progress.ts";
import { pairsFor, type Pair } from "../pairs.ts";
import { linksOf, saveLinks, type RecordLink } from "../repo/record-links.ts";
import { addReview, type ReviewCandidate } from "../repo/review-items.ts";
import { reviewReason } from "../review-reason.ts";
import { chunks, inFlight } from "./batches.ts";
import { afterMatch, createValues, planUpdate, written } from "./decide.ts";
import { fieldOf, idColumn, memoryOf, newLink } from "./ends.ts";
import { chunkSizeOf, planCreates, type Planned } from "./plan.ts";
import {
  isPending,
  type CreateOutcome,
  type Cursor,
  type Indexed,
  type Pager,
  type Prepared,
  type Side,
  type Target,
} from "./side.ts";

/** Index ids of records this run is creating (they have no id of their own yet). */
const PENDING = "pending:";

interface Waiting {
  prepared: Prepared;
  subject: string;
}

/** What one chunk decided, wrote, and will save. */
interface Work {
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
}

const emptyWork = (): Work => ({ creates: [], updates: [], newLinks: [], reviews: [], ledger: [] });

interface Phase<S, T> {
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
}

/** A source record and where the run stands once it is done (the cursor a checkpoint saves). */
interface Item<S> {
  record: S;
  after: Partial<Cursor> & { skip: number };
}

/** One chunk's decisions: its own counts (merged into the run's at its checkpoint) and its work. */
interface Chunk {
  tally: Progress;
  work: Work;
  size: number;
  after: Item<unknown>["after"];
}

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
  const opened = await target.openTarget(targetFields, { dryRun: ctx.dryRun, syncId: ctx.syncId });
  if (!opened.ok) return opened;
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
  };
  const t = phase.t;
  const chunkSize = t.mix ? chunkSizeOf(t.mix) : t.batchSize;
  // Writes a rerun finds again (upserts on our key) may run ahead of the saved checkpoint; QBO
  // creates wait for the previous chunk's, so a rerun rebuilds the same requests.
  const width = t.idempotentCreates ? t.inFlight : 1;

  let failure: VendorError | undefined;
  let paused = false;
  let saved: Promise<void> = Promise.resolve();
  const steps: Array<Promise<void>> = [];
  const stopped = () => failure !== undefined || paused;

  /** Decides a chunk now, sends it alongside the chunks before it, saves it after them. */
  const runChunk = async (items: Array<Item<S>>): Promise<Result<void, VendorError>> => {
    if (items.length === 0) return ok(undefined);
    const chunk: Chunk = {
      tally: startProgress(progress.phase),
      work: emptyWork(),
      size: items.length,
      after: items[items.length - 1]!.after,
    };
    for (const { record } of items) {
      const decided = await decide(phase, record, chunk);
      if (!decided.ok) return decided;
    }
    if (ctx.dryRun) {
      advance(phase, chunk);
      return ok(undefined);
    }
    if (width === 1) await saved;
    if (stopped()) return ok(undefined);
    const sending = send(phase, chunk);
    const step = saved.then(async () => {
      const sent = await sending;
      if (stopped()) return;
      if (!sent.ok) {
        failure = sent.error;
        return;
      }
      await persist(phase, chunk.work);
      advance(phase, chunk);
      if (!(await ctx.checkpoint(structuredClone(progress)))) paused = true;
    });
    saved = step;
    steps.push(step);
    while (steps.length >= width) await steps.shift();
    return ok(undefined);
  };

  const finish = async (outcome: "done" | "paused"): Promise<Result<"done" | "paused", VendorError>> => {
    await saved;
    if (failure) return err(failure);
    return ok(paused ? "paused" : outcome);
  };

  try {
    let skip = progress.skip ?? 0;
    let items: Array<Item<S>> = [];
    for (;;) {
      const page = await pager.next();
      if (!page.ok) {
        await saved;
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
          await saved;
          return ran;
        }
        if (stopped()) return finish("paused");
      }
      skip = 0;
      if (last) {
        const ran = await runChunk(items);
        if (!ran.ok) {
          await saved;
          return ran;
        }
        return finish("done");
      }
    }
  } finally {
    await saved;
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

function ledgerEntry<S, T>(
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
    if (found.kind === "matched" && found.id.startsWith(PENDING)) {
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
            .filter((c) => !c.id.startsWith(PENDING))
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
  phase.t.index.add(`${PENDING}${id}`, { pending: true, label, email: identity.email }, keys);
  note(chunk.tally, "created", label);
  chunk.work.creates.push({ prepared, subject: source.subjectOf(record) });
}

/** Sends a chunk's creates (batches and singles as planned), then its updates, a few in flight. */
async function send<S, T>(phase: Phase<S, T>, chunk: Chunk): Promise<Result<void, VendorError>> {
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

/** Saves a written chunk: its links, what was written through them, its reviews and its ledger. */
async function persist<S, T>(phase: Phase<S, T>, work: Work): Promise<void> {
  const { ctx } = phase;
  await saveLinks(
    ctx.db,
    work.newLinks,
    work.updates.map((u) => u.link),
    ctx.now(),
  );
  for (const review of work.reviews)
    await addReview(
      ctx.db,
      {
        connectionId: ctx.connection.connectionId,
        kind: ctx.kind.link,
        side: phase.source.vendor,
        ...review,
      },
      ctx.now(),
    );
  await recordLedgerMany(ctx.db, work.ledger);
}
