import { isDeepStrictEqual } from "node:util";
import type { Database } from "../../../db/kysely.ts";
import { err, ok, type Result } from "../../../lib/result.ts";
import type { VendorError } from "../../../connectors/http-client.ts";
import type { AppliedChange } from "../../changes/index.ts";
import { rememberWritten, same, type SyncSettings } from "../../settings/index.ts";
import { judge, keysOf, type Found } from "../identity/index.ts";
import { done, retryOr, skipped } from "../outcome.ts";
import { mergePairsFor, pairsFor, type Pair } from "../pairs.ts";
import { linkOn, saveLink, updateLink, type RecordLink } from "../repo/record-links.ts";
import { addReview } from "../repo/review-items.ts";
import { afterMatch, createValues, flowsTo, whenGone, written } from "./decide.ts";
import { mergeRecord, mergeSummary, pairKey, type MergePair } from "./merge.ts";
import { reviewReason } from "../review-reason.ts";
import { fieldOf, idColumn, memoryOf, newLink } from "./ends.ts";
import type { Side, Vendor } from "./side.ts";

export interface SyncContext {
  db: Database;
  now: Date;
  connection: { connectionId: string; realmId: string };
  settings: SyncSettings;
}

/** One change of a source record: as it arrived (QBO sends the record), or its id to read. */
export interface Change<S> {
  id: string;
  record?: S;
  /** Archived (HubSpot) or made inactive (QBO). */
  gone: boolean;
}

interface Run<S, T> {
  ctx: SyncContext;
  source: Side<S>;
  target: Side<T>;
  /** The source record as the ledger names it. */
  subject: string;
}

/**
 * One changed record (webhook, CDC, HubSpot event or reconcile) applied to the other side by the
 * company's settings (C2–C3, C5, P2–P3): a record that left the sync takes its linked one out
 * (delete rule); a linked one is updated field by field; an unlinked one passes the filters, then
 * is matched by its keys, linked or sent to review, or created as the create-and-update rule allows.
 */
export async function syncOne<S, T>(
  ctx: SyncContext,
  source: Side<S>,
  target: Side<T>,
  change: Change<S>,
): Promise<AppliedChange> {
  const kind = source.kind;
  const settings = kind.settingsOf(ctx.settings);
  const run: Run<S, T> = {
    ctx,
    source,
    target,
    subject: change.record ? source.subjectOf(change.record) : source.words.noun(change.id),
  };
  const { subject } = run;
  if (!flowsTo(settings, target.vendor)) return skipped(`${subject}: sync to ${target.words.name} is off`);
  const link = await linkOn(
    ctx.db,
    ctx.connection.connectionId,
    kind.link,
    idColumn(source.vendor),
    change.id,
  );
  if (change.gone) return takeOut(run, link);
  if (settings.createUpdate === "none") return skipped(`${subject}: the rule is "do nothing"`);
  const pairs = await pairsFor(
    ctx.db,
    ctx.connection.connectionId,
    kind,
    target.vendor === "qbo" ? "to_qbo" : "to_hubspot",
  );
  // Every pair flowing either way: a linked record is merged in both directions (ADR 0034).
  const mergePairs = await mergePairsFor(ctx.db, ctx.connection.connectionId, kind, ctx.settings);
  let record = change.record;
  if (!record) {
    const read = await source.read(
      change.id,
      mergePairs.map((p) => fieldOf(p, source.vendor)),
    );
    if (!read.ok) return retryOr(`Could not read ${subject}`, read.error);
    if (read.value === "gone") return takeOut(run, link);
    record = read.value;
  }
  const problem = source.problem(record);
  if (problem) return retryOr(`Could not read ${subject}`, problem);
  // A record that came with the change (QBO's CDC) may be older than QBO's own: it is read again
  // before anything is written into it.
  const fresh = !change.record;
  if (link?.archived) return skipped(`${subject}: its ${target.words.name} record was ${target.words.gone}`);
  if (link && unchangedSinceAgreement(source, record, link, mergePairs))
    return skipped(
      `${subject}: ${target.words.noun(link[idColumn(target.vendor)])} linked, nothing to write`,
    );
  if (link) return mergeLinked(run, record, fresh, link, mergePairs, "linked");
  const refusal = source.refusal ? await source.refusal(record) : ok(undefined);
  if (!refusal.ok) return retryOr(`Could not read the lists of ${subject}`, refusal.error);
  if (refusal.value) return skipped(`${subject} is not synced: ${refusal.value}`);

  const found = await findIn(target, source, record, ctx.settings);
  if (!found.ok) return retryOr(`Could not look for ${subject} in ${target.words.name}`, found.error);
  const linkedElsewhere = found.value.kind === "matched" && (await isLinked(run, found.value.id));
  const step = afterMatch(found.value, settings.createUpdate, () => linkedElsewhere);
  switch (step.step) {
    case "review":
      return review(run, record, change.id, step.by, step.candidates, linkedElsewhere);
    case "update-only":
      return skipped(`${subject}: no ${target.words.name} record fits and the rule only updates`);
    case "create":
      return create(run, record, pairs);
    case "link": {
      const linked = newLink(
        ctx.connection.connectionId,
        kind.link,
        { vendor: source.vendor, id: change.id },
        { vendor: target.vendor, id: step.id },
      );
      if (!(await saveLink(ctx.db, linked, ctx.now)))
        return review(run, record, change.id, step.by, [step.candidate], true);
      return mergeLinked(run, record, fresh, linked, mergePairs, `linked by ${step.by}`);
    }
  }
}

/** The first match key with candidates on the target side decides (I3). */
async function findIn<S, T>(
  target: Side<T>,
  source: Side<S>,
  record: S,
  settings: SyncSettings,
): Promise<Result<Found, VendorError>> {
  const identity = source.identityOf(record);
  for (const key of keysOf(source.kind.link, identity, settings.contacts)) {
    const search = target.find(key);
    if (!search) continue;
    const res = await search;
    if (!res.ok) return err(res.error);
    const found = judge(
      key,
      res.value.map((r) => target.candidateOf(r)),
      identity.email,
    );
    if (found) return ok(found);
  }
  return ok({ kind: "none" });
}

const isLinked = async <S, T>(run: Run<S, T>, targetId: string) =>
  (await linkOn(
    run.ctx.db,
    run.ctx.connection.connectionId,
    run.source.kind.link,
    idColumn(run.target.vendor),
    targetId,
  )) !== undefined;

/**
 * Puts the record on the review list, named (its label and e-mail) and with the reason as data:
 * which key matched, the record's values for it, and the candidates with their e-mails.
 */
async function review<S, T>(
  run: Run<S, T>,
  record: S,
  sourceId: string,
  by: string,
  candidates: Array<{ id: string; label: string; email?: string }>,
  linkedElsewhere: boolean,
): Promise<AppliedChange> {
  const { ctx, source, target, subject } = run;
  const identity = source.identityOf(record);
  await addReview(
    ctx.db,
    {
      connectionId: ctx.connection.connectionId,
      kind: source.kind.link,
      side: source.vendor,
      recordId: sourceId,
      label: source.labelOf(record),
      reason: reviewReason({
        by,
        keys: keysOf(source.kind.link, identity, ctx.settings.contacts),
        email: identity.email,
        target: target.vendor,
        candidates: candidates.length,
        linkedElsewhere,
      }),
      candidates: candidates.map((c) => ({
        id: c.id,
        label: c.label,
        ...(c.email ? { email: c.email } : {}),
      })),
    },
    ctx.now,
  );
  return skipped(
    linkedElsewhere
      ? `${subject}: its ${target.words.name} match is linked to another record; sent to review`
      : `${subject}: sent to review (${by})`,
  );
}

/** The source record was archived or made inactive: the delete rule decides about the linked one. */
async function takeOut<S, T>(run: Run<S, T>, link: RecordLink | undefined): Promise<AppliedChange> {
  const { ctx, source, target, subject } = run;
  const step = whenGone(link, source.kind.settingsOf(ctx.settings));
  if (step === "nothing-linked")
    return skipped(`${subject} ${source.words.gone}; nothing linked to ${target.words.goneAction}`);
  if (step === "kept")
    return skipped(`${subject} ${source.words.gone}; the delete rule keeps the ${target.words.name} record`);
  const linked = link!;
  const targetId = linked[idColumn(target.vendor)];
  const res = await target.archive(linked);
  if (!res.ok)
    return retryOr(`Could not ${target.words.goneAction} ${target.words.noun(targetId)}`, res.error);
  const memory = memoryOf(target.vendor);
  const remembered = Object.keys(res.value).length ? { [memory]: { ...linked[memory], ...res.value } } : {};
  await updateLink(ctx.db, linked, { archived: true, ...remembered }, ctx.now);
  return done(`${subject} ${source.words.gone}: ${target.words.noun(targetId)} ${target.words.gone}`);
}

/**
 * A linked pair of records merged field by field against their last agreement (ADR 0034): what
 * changed on one side goes to the other, a change on both is settled by the winner, and fields
 * seen equal become the agreement. Each side's successful write is saved with the agreement it
 * made in one statement; a write that fails keeps the agreement of the one that did not.
 */
async function mergeLinked<S, T>(
  run: Run<S, T>,
  record: S,
  fresh: boolean,
  link: RecordLink,
  pairs: MergePair[],
  how: string,
): Promise<AppliedChange> {
  const { ctx, source, target, subject } = run;
  const targetId = link[idColumn(target.vendor)];
  const noun = target.words.noun(targetId);
  const current = await target.read(
    targetId,
    pairs.map((p) => fieldOf(p, target.vendor)),
  );
  if (!current.ok) return retryOr(`Could not read ${noun}`, current.error);
  if (current.value === "gone") {
    await updateLink(ctx.db, link, { archived: true }, ctx.now);
    return skipped(`${subject}: ${noun} no longer exists`);
  }
  const targetRecord = current.value;
  const winner = source.kind.settingsOf(ctx.settings).winner;
  const plan = (from: S) => {
    const values = {
      [source.vendor]: valuesOf(source, from, pairs),
      [target.vendor]: valuesOf(target, targetRecord, pairs),
    };
    return mergeRecord({ pairs, winner, qbo: values.qbo!, hubspot: values.hubspot!, link: memory(link) });
  };
  let sourceRecord = record;
  let merged = plan(record);
  if (!fresh && Object.keys(merged.writes[source.vendor]).length > 0) {
    const again = await source.read(
      source.idOf(record),
      pairs.map((p) => fieldOf(p, source.vendor)),
    );
    if (!again.ok) return retryOr(`Could not read ${subject}`, again.error);
    if (again.value === "gone") return skipped(`${subject} no longer exists`);
    sourceRecord = again.value;
    merged = plan(sourceRecord);
  }

  const saved = { ...memory(link), agreed: merged.agreed };
  const into = async <R>(side: Side<R>, at: R) => {
    const changes = merged.writes[side.vendor];
    if (Object.keys(changes).length === 0) return undefined;
    const res = await side.update(link, at, changes, pairs);
    if (!res.ok) return res.error;
    const remembered = memoryOf(side.vendor);
    saved[remembered] = rememberWritten(saved[remembered], changes);
    saved.agreed = { ...saved.agreed, ...merged.agreedBy[side.vendor] };
    return undefined;
  };
  const targetFailed = await into(target, targetRecord);
  const sourceFailed = targetFailed ? undefined : await into(source, sourceRecord);
  if (!isDeepStrictEqual(saved, memory(link))) await updateLink(ctx.db, link, saved, ctx.now);
  if (targetFailed) return retryOr(`Could not update ${noun}`, targetFailed);
  if (sourceFailed) return retryOr(`Could not update ${subject}`, sourceFailed);

  const toTarget = Object.keys(merged.writes[target.vendor]);
  const toSource = Object.keys(merged.writes[source.vendor]);
  if (toTarget.length + toSource.length === 0)
    return skipped(`${subject}: ${noun} ${how}, nothing to write (${mergeSummary(merged)})`);
  const arrow = toSource.length === 0 ? "→" : toTarget.length === 0 ? "←" : "⇄";
  const names =
    toTarget.length && toSource.length
      ? `→ ${toTarget.join(", ")}; ← ${toSource.join(", ")}`
      : [...toTarget, ...toSource].join(", ");
  // The side that stood in a conflict: the configured winner, or the only side a one-way field flows from.
  const conflicts = merged.fields.flatMap(({ pair, merge }) =>
    merge.kind === "write" && merge.conflict
      ? [`${pair.hubspotProperty} (${(merge.to === source.vendor ? target : source).words.name} wins)`]
      : [],
  );
  const conflictNote = conflicts.length ? `; changed on both sides: ${conflicts.join(", ")}` : "";
  return done(`${subject} ${arrow} ${noun} (${how}): ${names}${conflictNote}`);
}

const valuesOf = <R>(side: Side<R>, record: R, pairs: MergePair[]) =>
  side.valuesOf(
    record,
    pairs.map((p) => fieldOf(p, side.vendor)),
  );

/**
 * True when every mapped value of the source record is the one both sides last agreed on (ADR
 * 0034): our own write coming back, or the record saved without a mapped change. Nothing flows from
 * it, and the other side's own changes reach this one through that side's changes (QBO's CDC,
 * HubSpot's events and reconcile), so the other side is not read for it: a pull retried after a
 * fault met dozens of such echoes, each a HubSpot read. A pair without an agreement answers false.
 */
function unchangedSinceAgreement<S>(side: Side<S>, record: S, link: RecordLink, pairs: MergePair[]) {
  const values = valuesOf(side, record, pairs);
  return pairs.every((pair) => {
    const agreed = link.agreed?.[pairKey(pair)];
    return agreed !== undefined && same(values[fieldOf(pair, side.vendor)], agreed);
  });
}

const memory = (link: RecordLink) => ({
  agreed: link.agreed ?? {},
  toHubspot: link.toHubspot,
  toQbo: link.toQbo,
});

async function create<S, T>(run: Run<S, T>, record: S, pairs: Pair[]): Promise<AppliedChange> {
  const { ctx, source, target, subject } = run;
  const sourceId = source.idOf(record);
  const identity = source.identityOf(record);
  const values = createValues(
    pairs,
    source.vendor,
    target.vendor,
    source.valuesOf(
      record,
      pairs.map((p) => fieldOf(p, source.vendor)),
    ),
  );
  const created = await target.create({ sourceId, identity, label: source.labelOf(record), values, pairs });
  if (!created.ok)
    return retryOr(`Could not create the ${target.words.name} record of ${subject}`, created.error);
  if (!created.value) return skipped(`${subject}: ${target.words.name} answered no record`);
  const { id, note } = created.value;
  const link = newLink(
    ctx.connection.connectionId,
    source.kind.link,
    { vendor: source.vendor, id: sourceId },
    { vendor: target.vendor, id, written: written(created.value.written) },
  );
  // What the new record got from its source is what both sides now agree on (ADR 0034).
  link.agreed = agreedAtCreate(pairs, target.vendor, values, created.value.written);
  const linked = await saveLink(ctx.db, link, ctx.now);
  const after = target.afterCreate ? await target.afterCreate(id, identity) : ok(undefined);
  if (!after.ok)
    return retryOr(`Could not finish the ${target.words.name} record of ${subject}`, after.error);
  if (!linked) return skipped(`${subject}: created ${target.words.noun(id)} is linked elsewhere`);
  const details = [note, after.value].filter(Boolean).join(" ");
  return done(`${subject} → created ${target.words.noun(id)}${details ? ` ${details}` : ""}`);
}

/** The pairs whose source value the new record was created with: agreed from the start. */
function agreedAtCreate(
  pairs: Pair[],
  to: Vendor,
  values: Record<string, string>,
  wrote: Record<string, string>,
): Record<string, string> {
  const agreed: Record<string, string> = {};
  for (const pair of pairs) {
    const field = fieldOf(pair, to);
    const value = values[field];
    if (value !== undefined && same(value, wrote[field])) agreed[pairKey(pair)] = value.trim();
  }
  return agreed;
}
