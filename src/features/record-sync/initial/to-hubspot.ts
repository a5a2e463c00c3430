import type { VendorError } from "../../../connectors/http-client.ts";
import { batchUpdate, batchUpsert } from "../../../connectors/hubspot/records.ts";
import type { CrmRecord } from "../../../connectors/hubspot/search.ts";
import { queryCount, queryPage, type QboEntity } from "../../../connectors/qbo/client.ts";
import { MAX_RESULTS, type QuerySpec } from "../../../connectors/qbo/query.ts";
import type { LedgerEntry } from "../../activity/index.ts";
import { recordLedgerMany } from "../../activity/index.ts";
import { linksOf, type RecordLink } from "../repo/record-links.ts";
import { addReview } from "../repo/review-items.ts";
import { err, ok, type Result } from "../../../lib/result.ts";
import { readQboPath } from "../../settings/index.ts";
import { planFields, rememberWritten } from "../../settings/index.ts";
import { keyOf } from "../kinds.ts";
import { pairsFor, type Pair } from "../pairs.ts";
import { listAll, type RunContext } from "./context.ts";
import { emailOf, hubspotKeys, KeyIndex, lookup, qboKeys } from "./keys.ts";
import { saveLinks } from "./links.ts";
import { etaSeconds, note, type Progress } from "./progress.ts";

const MATCH_PROPS = ["email", "firstname", "lastname", "company", "phone", "name", "hs_sku"];

interface Writes {
  creates: Array<{ id: string; properties: Record<string, string>; qboId: string; label: string }>;
  updates: Array<{
    id: string;
    properties: Record<string, string>;
    link: RecordLink;
    written: Record<string, string>;
  }>;
  newLinks: RecordLink[];
  ledger: LedgerEntry[];
  reviews: Array<{
    recordId: string;
    label: string;
    reason: string;
    candidates: Array<{ id: string; label: string }>;
  }>;
}

/**
 * QBO → HubSpot (C4): HubSpot is read once into an index, then QBO is read 1,000 rows a page (the
 * next page fetched while this one is written) and written 100 records a batch: creates are
 * upserts on the `realm:id` key (a rerun after a crash finds them), updates are field-by-field.
 */
export async function runToHubSpot(ctx: RunContext): Promise<Result<"done" | "paused", VendorError>> {
  const { kind } = ctx;
  const pairs = await pairsFor(ctx.db, ctx.connection.connectionId, kind, "to_hubspot");
  const where: QuerySpec["where"] = [
    ["Active", "=", true],
    ...(kind.qboEntity === "Item"
      ? [["Type", "IN", ["Service", "NonInventory", "Inventory"]] as ["Type", "IN", string[]]]
      : []),
  ];

  const fetchPage = (start: number) =>
    queryPage(ctx.qbo, {
      entity: kind.qboEntity,
      where,
      orderBy: { field: "Id" },
      startPosition: start,
      maxResults: MAX_RESULTS,
    });
  // QBO's count and first page are read while HubSpot's index is: the start-up overlaps too.
  const counted =
    ctx.progress.total === undefined ? queryCount(ctx.qbo, { entity: kind.qboEntity, where }) : undefined;
  let next = fetchPage(ctx.progress.qboStart);
  const index = new KeyIndex<CrmRecord>();
  const byKey = new Map<string, string>();
  const props = [...new Set([...pairs.map((p) => p.hubspotProperty), ...MATCH_PROPS, kind.keyProperty])];
  const read = await listAll(ctx.hubspot, kind.hubspotType, props, (records) => {
    for (const r of records) {
      index.add(r.id, r, hubspotKeys(kind, r, ctx.settings.contacts));
      if (r.properties[kind.keyProperty]) byKey.set(r.properties[kind.keyProperty]!, r.id);
    }
  });
  if (!read.ok) return read;
  const links = new Map(
    (await linksOf(ctx.db, ctx.connection.connectionId, kind.link)).map((l) => [l.qboId, l]),
  );
  const linkedHubSpot = new Set([...links.values()].map((l) => l.hubspotId));
  if (counted) {
    const total = await counted;
    if (!total.ok) return total;
    ctx.progress.total = total.value;
  }
  // Page N's rows are saved while page N+1 is written to HubSpot; the checkpoint only ever moves
  // past pages whose links and ledger are saved, so a crash re-reads, never skips.
  let saving: { done: Promise<void>; progress: Progress } | undefined;
  const settle = async () => {
    if (!saving) return true;
    await saving.done;
    const keepGoing = await ctx.checkpoint(saving.progress);
    saving = undefined;
    return keepGoing;
  };
  for (;;) {
    const page = await next;
    if (!page.ok) return page;
    const rows = page.value.rows;
    if (rows.length === MAX_RESULTS) next = fetchPage(ctx.progress.qboStart + MAX_RESULTS); // overlap the next read
    const writes: Writes = { creates: [], updates: [], newLinks: [], ledger: [], reviews: [] };
    for (const entity of rows) classify(ctx, entity, { pairs, index, byKey, links, linkedHubSpot, writes });
    if (!ctx.dryRun) {
      const sent = await sendWrites(ctx, writes);
      if (!sent.ok) return sent;
    }
    if (!(await settle())) return ok("paused");
    ctx.progress.seen += rows.length;
    ctx.progress.qboStart += rows.length;
    const remaining = Math.max(0, (ctx.progress.total ?? ctx.progress.seen) - ctx.progress.seen);
    ctx.progress.etaSeconds = etaSeconds({
      qboReads: Math.ceil(remaining / MAX_RESULTS),
      hubspotCalls: Math.ceil(remaining / 100),
      qboBatches: 0,
    });
    if (!ctx.dryRun) saving = { done: persist(ctx, writes), progress: structuredClone(ctx.progress) };
    if (rows.length < MAX_RESULTS) {
      if (saving) await saving.done;
      return ok("done");
    }
  }
}

const ledgerEntry = (
  ctx: RunContext,
  qboId: string,
  decision: string,
  outcome: LedgerEntry["outcome"],
): LedgerEntry => ({
  portalId: ctx.connection.portalId,
  connectionId: ctx.connection.connectionId,
  objectType: ctx.kind.qboEntity.toLowerCase(),
  objectId: qboId,
  trigger: "initial sync",
  decision,
  outcome,
  jobId: ctx.syncId,
  at: ctx.now(),
});

interface ClassifyState {
  pairs: Pair[];
  index: KeyIndex<CrmRecord>;
  byKey: Map<string, string>;
  links: Map<string, RecordLink>;
  linkedHubSpot: Set<string>;
  writes: Writes;
}

function classify(ctx: RunContext, entity: QboEntity, s: ClassifyState): void {
  const { kind, progress } = ctx;
  const label = String(entity.DisplayName ?? entity.Name ?? entity.Id);
  const createUpdate = kind.settingsOf(ctx.settings).createUpdate;
  const entry = (decision: string, outcome: LedgerEntry["outcome"]): void => {
    s.writes.ledger.push(ledgerEntry(ctx, entity.Id, decision, outcome));
  };
  if (createUpdate === "none") {
    note(progress, "skipped", label);
    return entry(`${label}: the rule is "do nothing"`, "skipped");
  }
  const key = keyOf(ctx.connection.realmId, entity.Id);
  let link = s.links.get(entity.Id);
  let how = "linked";
  if (!link) {
    const found = s.byKey.get(key)
      ? ({ kind: "matched", id: s.byKey.get(key)!, by: "key" } as const)
      : lookup(s.index, qboKeys(kind, entity, ctx.settings.contacts), emailOf.qbo(entity), emailOf.hubspot);
    if (found.kind === "ambiguous" || (found.kind === "matched" && s.linkedHubSpot.has(found.id))) {
      note(progress, "review", label);
      if (!ctx.dryRun)
        void addReview(
          ctx.db,
          {
            connectionId: ctx.connection.connectionId,
            kind: kind.link,
            side: "qbo",
            recordId: entity.Id,
            label,
            reason: `initial sync: no safe match by ${found.kind === "ambiguous" ? found.by : "its key"}`,
            candidates: (found.kind === "ambiguous" ? found.ids : [found.id]).map((id) => ({
              id,
              label: id,
            })),
          },
          ctx.now(),
        );
      return entry(`${label}: sent to review`, "skipped");
    }
    if (found.kind === "none") {
      if (createUpdate === "update_only") {
        note(progress, "skipped", label);
        return entry(`${label}: no HubSpot record fits and the rule only updates`, "skipped");
      }
      return planCreate(ctx, entity, key, label, s);
    }
    link = {
      connectionId: ctx.connection.connectionId,
      kind: kind.link,
      qboId: entity.Id,
      hubspotId: found.id,
      toHubspot: {},
      toQbo: {},
      archived: false,
    };
    s.writes.newLinks.push(link);
    s.linkedHubSpot.add(found.id);
    how = `linked by ${found.by}`;
    if (found.id.startsWith("pending:")) {
      note(progress, "review", label);
      return entry(
        `${label}: shares its match keys with another QuickBooks record created in this run; sent to review`,
        "skipped",
      );
    }
  }
  if (link.archived) {
    note(progress, "skipped", label);
    return entry(`${label}: its HubSpot record was archived`, "skipped");
  }
  const target = s.index.records.get(link.hubspotId);
  const plan = planFields({
    pairs: s.pairs.map((p) => ({ source: p.field.path, target: p.hubspotProperty })),
    source: Object.fromEntries(s.pairs.map((p) => [p.field.path, readQboPath(entity, p.field.path)])),
    target: Object.fromEntries(Object.entries(target?.properties ?? {}).map(([k, v]) => [k, v ?? undefined])),
    lastToTarget: link.toHubspot,
    lastToSource: link.toQbo,
    targetWins:
      kind.settingsOf(ctx.settings).direction === "two_way" &&
      kind.settingsOf(ctx.settings).winner === "hubspot",
  });
  const changes = Object.fromEntries(Object.entries(plan.changes).map(([k, v]) => [k, v ?? ""]));
  const isNewLink = how !== "linked";
  if (Object.keys(changes).length === 0) {
    note(progress, isNewLink ? "linked" : "unchanged", label);
    return entry(
      `${label}: HubSpot ${kind.hubspotType} ${link.hubspotId} ${how}, nothing to write`,
      isNewLink ? "ok" : "skipped",
    );
  }
  note(progress, isNewLink ? "linked" : "updated", label);
  s.writes.updates.push({
    id: link.hubspotId,
    properties: changes,
    link,
    written: rememberWritten(link.toHubspot, plan.changes),
  });
  entry(
    `${label} → HubSpot ${kind.hubspotType} ${link.hubspotId} (${how}): ${Object.keys(changes).join(", ")}`,
    "ok",
  );
}

function planCreate(ctx: RunContext, entity: QboEntity, key: string, label: string, s: ClassifyState): void {
  const properties: Record<string, string> = {};
  for (const pair of s.pairs) {
    const value = readQboPath(entity, pair.field.path);
    if (value !== undefined) properties[pair.hubspotProperty] = value;
  }
  if (ctx.kind.link === "company" && !properties.name) properties.name = label;
  // Later records of this run must see this one, or two customers sharing an e-mail would both create.
  const pending = `pending:${key}`;
  s.index.add(
    pending,
    // Only what a later match needs is kept: 100,000 creates must not hold 100,000 records.
    { id: pending, properties: { email: properties.email ?? null } },
    hubspotKeys(ctx.kind, { id: pending, properties }, ctx.settings.contacts),
  );
  note(ctx.progress, "created", label);
  s.writes.creates.push({
    id: key,
    properties: { ...properties, [ctx.kind.keyProperty]: key, [ctx.kind.idProperty]: entity.Id },
    qboId: entity.Id,
    label,
  });
}

/** A few calls in flight: the rate budget spaces them, and each call's own latency overlaps the wait. */
const IN_FLIGHT = 4;

async function inFlight<T>(
  items: T[],
  run: (item: T) => Promise<Result<void, VendorError>>,
): Promise<Result<void, VendorError>> {
  let failure: VendorError | undefined;
  let at = 0;
  const worker = async () => {
    while (!failure && at < items.length) {
      const res = await run(items[at++]!);
      if (!res.ok) failure ??= res.error;
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, items.length) }, worker));
  return failure ? err(failure) : ok(undefined);
}

const chunks = <T>(list: T[], size: number) =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/** Writes a page's creates (upserts on the realm key) and updates to HubSpot, 100 a call. */
async function sendWrites(ctx: RunContext, writes: Writes): Promise<Result<void, VendorError>> {
  const { kind } = ctx;
  const created = await inFlight(chunks(writes.creates, 100), async (chunk) => {
    const res = await batchUpsert(ctx.hubspot, kind.hubspotType, kind.keyProperty, chunk);
    if (!res.ok) return res;
    const idOf = new Map(res.value.map((r) => [r.properties[kind.keyProperty] ?? "", r.id]));
    for (const c of chunk) {
      const id = idOf.get(c.id);
      if (!id)
        return err({
          kind: "malformed",
          retryable: false,
          message: `HubSpot answered no record for ${c.id}`,
        });
      const { [kind.keyProperty]: _k, [kind.idProperty]: _i, ...values } = c.properties;
      writes.ledger.push(
        ledgerEntry(ctx, c.qboId, `${c.label} → created HubSpot ${kind.hubspotType} ${id}`, "ok"),
      );
      writes.newLinks.push({
        connectionId: ctx.connection.connectionId,
        kind: kind.link,
        qboId: c.qboId,
        hubspotId: id,
        toHubspot: values,
        toQbo: {},
        archived: false,
      });
    }
    return ok(undefined);
  });
  if (!created.ok) return created;
  return inFlight(chunks(writes.updates, 100), async (chunk) => {
    const res = await batchUpdate(
      ctx.hubspot,
      kind.hubspotType,
      chunk.map((u) => ({ id: u.id, properties: u.properties })),
    );
    if (!res.ok) return res;
    for (const u of chunk) u.link.toHubspot = u.written;
    return ok(undefined);
  });
}

/** Saves a written page: its links, what was written through them, its reviews and its ledger. */
async function persist(ctx: RunContext, writes: Writes): Promise<void> {
  const linkedNow = writes.newLinks.filter((l) => !l.hubspotId.startsWith("pending:"));
  await saveLinks(
    ctx.db,
    linkedNow,
    writes.updates.map((u) => u.link),
    ctx.now(),
  );
  for (const r of writes.reviews)
    await addReview(
      ctx.db,
      { connectionId: ctx.connection.connectionId, kind: ctx.kind.link, side: "qbo", ...r },
      ctx.now(),
    );
  await recordLedgerMany(ctx.db, writes.ledger);
}
