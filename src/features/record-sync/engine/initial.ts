import type { VendorError } from "../../../connectors/http-client.ts";
import { ok, type Result } from "../../../lib/result.ts";
import { recordLedgerMany, type LedgerEntry } from "../../activity/index.ts";
import { rememberWritten } from "../../settings/index.ts";
import { keysOf, lookup, type Candidate, type MatchKey } from "../identity/index.ts";
import type { RunContext } from "../initial/context.ts";
import { etaSeconds, note, type Progress } from "../initial/progress.ts";
import { pairsFor, type Pair } from "../pairs.ts";
import { linksOf, saveLinks, type RecordLink } from "../repo/record-links.ts";
import { addReview, type ReviewCandidate } from "../repo/review-items.ts";
import { reviewReason } from "../review-reason.ts";
import { chunks, inFlight } from "./batches.ts";
import { afterMatch, createValues, planUpdate, written } from "./decide.ts";
import { fieldOf, idColumn, memoryOf, newLink } from "./ends.ts";
import { isPending, type Cursor, type Indexed, type Prepared, type Side, type Target } from "./side.ts";

/** Index ids of records this run is creating (they have no id of their own yet). */
const PENDING = "pending:";

interface Waiting {
  prepared: Prepared;
  subject: string;
}

/** What one page decided, written, and will save. */
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
}

/**
 * One phase of an initial sync (C4), either direction: the target side is read once into an
 * in-memory index, then the source side page by page; each record is decided as the incremental
 * sync would (filters, match keys, review, create-and-update rule, field plan), and the page's
 * writes go out in batches. A page's links, reviews and ledger are saved while the next page is
 * read and decided; the checkpoint only ever moves past saved pages, so a crash re-reads, never
 * skips, and finds what it created (an upsert key, or a requestid QBO replays).
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
  };

  let carry: Waiting[] = [];
  let carryFrom: Partial<Cursor> = {};
  let saving: { done: Promise<void>; progress: Progress } | undefined;
  const settle = async () => {
    if (!saving) return true;
    await saving.done;
    const keepGoing = await ctx.checkpoint(saving.progress);
    saving = undefined;
    return keepGoing;
  };
  try {
    for (;;) {
      const page = await pager.next();
      if (!page.ok) return page;
      const work = emptyWork();
      for (const record of page.value.records) {
        const decided = await decide(phase, record, work);
        if (!decided.ok) return decided;
      }
      // Creates wait for a full batch across pages (100 a page in batches of 30 would send
      // 30+30+30+10); the saved cursor stays at the page the oldest waiting record came from.
      const waiting = [...carry, ...work.creates];
      const ready = page.value.last ? waiting.length : waiting.length - (waiting.length % phase.t.batchSize);
      if (carry.length === 0) carryFrom = page.value.at;
      carry = ctx.dryRun ? [] : waiting.slice(ready);
      // Writes that a rerun cannot find again wait for the previous page's checkpoint.
      if (!phase.t.idempotentCreates && !(await settle())) return ok("paused");
      if (!ctx.dryRun) {
        const sent = await send(phase, waiting.slice(0, ready), work);
        if (!sent.ok) return sent;
      }
      if (phase.t.idempotentCreates && !(await settle())) return ok("paused");
      progress.seen += page.value.records.length;
      Object.assign(progress, carry.length ? carryFrom : page.value.next);
      const remaining = Math.max(0, (progress.total ?? progress.seen) - progress.seen);
      const reads = pager.readCalls(remaining);
      const writes = phase.t.writeCalls(remaining);
      progress.etaSeconds = etaSeconds({
        qboReads: reads.qboReads,
        hubspotCalls: reads.hubspotCalls + writes.hubspotCalls,
        qboBatches: writes.qboBatches,
      });
      if (!ctx.dryRun) saving = { done: persist(phase, work), progress: structuredClone(progress) };
      if (page.value.last) return ok("done");
    }
  } finally {
    if (saving) await saving.done;
  }
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
async function decide<S, T>(phase: Phase<S, T>, record: S, work: Work): Promise<Result<void, VendorError>> {
  const { ctx, source, target, t } = phase;
  const { kind, progress } = ctx;
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
        planCreate(phase, record, keys, work);
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
  planLinked(phase, record, link, how, work);
  return ok(undefined);
}

const candidate = <T>(target: Side<T>, id: string, r: Indexed<T>): Candidate =>
  isPending(r) ? { id, label: r.label, email: r.email } : target.candidateOf(r);

/** A linked record's fields, planned against the indexed target: an update or nothing. */
function planLinked<S, T>(phase: Phase<S, T>, record: S, link: RecordLink, how: string, work: Work): void {
  const { ctx, source, target } = phase;
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
    note(ctx.progress, isNewLink ? "linked" : "unchanged", label);
    work.ledger.push(
      ledgerEntry(phase, id, `${subject}: ${noun} ${how}, nothing to write`, isNewLink ? "ok" : "skipped"),
    );
    return;
  }
  note(ctx.progress, isNewLink ? "linked" : "updated", label);
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
function planCreate<S, T>(phase: Phase<S, T>, record: S, keys: MatchKey[], work: Work): void {
  const { ctx, source, target } = phase;
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
  note(ctx.progress, "created", label);
  work.creates.push({ prepared, subject: source.subjectOf(record) });
}

/** Sends a page's creates, then its updates, in batches with a few in flight. */
async function send<S, T>(
  phase: Phase<S, T>,
  creates: Waiting[],
  work: Work,
): Promise<Result<void, VendorError>> {
  const { ctx, source, target, t } = phase;
  const created = await inFlight(chunks(creates, t.batchSize), t.inFlight, async (chunk) => {
    const res = await t.createBatch(chunk.map((c) => c.prepared));
    if (!res.ok) return res;
    for (const [j, outcome] of res.value.entries()) {
      const { prepared, subject } = chunk[j]!;
      if ("id" in outcome) {
        work.newLinks.push(
          newLink(
            ctx.connection.connectionId,
            ctx.kind.link,
            { vendor: source.vendor, id: prepared.sourceId },
            { vendor: target.vendor, id: outcome.id, written: prepared.written },
          ),
        );
        work.ledger.push(
          ledgerEntry(
            phase,
            prepared.sourceId,
            `${subject} → created ${target.words.noun(outcome.id)}`,
            "ok",
          ),
        );
        continue;
      }
      ctx.progress.counts.created--;
      ctx.progress.counts.failed++;
      work.ledger.push(
        ledgerEntry(
          phase,
          prepared.sourceId,
          `${subject}: ${target.words.name} refused the create: ${outcome.refused}`,
          "failed",
        ),
      );
    }
    return ok(undefined);
  });
  if (!created.ok || !t.updateBatch) return created;
  const updateBatch = t.updateBatch;
  const memory = memoryOf(target.vendor);
  return inFlight(chunks(work.updates, t.batchSize), t.inFlight, async (chunk) => {
    const res = await updateBatch(chunk.map((u) => ({ id: u.id, changes: u.changes })));
    if (!res.ok) return res;
    for (const u of chunk) u.link[memory] = u.written;
    return ok(undefined);
  });
}

/** Saves a written page: its links, what was written through them, its reviews and its ledger. */
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
