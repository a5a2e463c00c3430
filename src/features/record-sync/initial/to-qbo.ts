import type { VendorError } from "../../../connectors/http-client.ts";
import { listPage } from "../../../connectors/hubspot/records.ts";
import type { CrmRecord } from "../../../connectors/hubspot/search.ts";
import { batchCreate, BATCH_SIZE } from "../../../connectors/qbo/batch.ts";
import { queryAll, type QboEntity } from "../../../connectors/qbo/client.ts";
import { requestIdFor } from "../../../connectors/qbo/write.ts";
import { recordLedgerMany, type LedgerEntry } from "../../activity/index.ts";
import { linksOf, type RecordLink } from "../repo/record-links.ts";
import { addReview } from "../repo/review-items.ts";
import { ok, type Result } from "../../../lib/result.ts";
import { uniqueDisplayName } from "../identity/customer-match.ts";
import { writeQboPath } from "../../settings/index.ts";
import { contactFilterFailure } from "../incremental/to-qbo.ts";
import { filterProperties } from "../filters.ts";
import { pairsFor, type Pair } from "../pairs.ts";
import { incomeAccount } from "../qbo-create.ts";
import type { RunContext } from "./context.ts";
import { emailOf, hubspotKeys, KeyIndex, lookup, qboKeys } from "./keys.ts";
import { saveLinks } from "./links.ts";
import { etaSeconds, note } from "./progress.ts";

const MATCH_PROPS = ["email", "firstname", "lastname", "company", "phone", "name", "hs_sku", "domain"];

interface Pending {
  record: CrmRecord;
  body: Record<string, unknown>;
  written: Record<string, string>;
  label: string;
}

/**
 * HubSpot → QBO (C4, C5): QBO is read once (1,000 a page) into an index and the set of names in
 * use; HubSpot is read 100 a page; records that pass the contact filters and match nothing are
 * created 30 a call through QBO's batch endpoint, with a requestid per batch so a rerun replays.
 * Records that match are linked; their fields follow when they next change (no bulk rewrite of QBO).
 */
export async function runToQbo(ctx: RunContext): Promise<Result<"done" | "paused", VendorError>> {
  const { kind } = ctx;
  const pairs = await pairsFor(ctx.db, ctx.connection.connectionId, kind, "to_qbo");
  const all = await queryAll(ctx.qbo, { entity: kind.qboEntity, where: [["Active", "IN", [true, false]]] });
  if (!all.ok) return all;
  const index = new KeyIndex<QboEntity>();
  const nameField = kind.qboEntity === "Customer" ? "DisplayName" : "Name";
  const taken = new Set<string>();
  for (const e of all.value.rows) {
    taken.add(String(e[nameField] ?? ""));
    if (e.Active !== false) index.add(e.Id, e, qboKeys(kind, e, ctx.settings.contacts));
  }
  const links = new Map(
    (await linksOf(ctx.db, ctx.connection.connectionId, kind.link)).map((l) => [l.hubspotId, l]),
  );
  const linkedQbo = new Set([...links.values()].map((l) => l.qboId));
  const account = kind.qboEntity === "Item" && !ctx.dryRun ? await incomeAccount(ctx.qbo) : undefined;
  if (account && !account.ok) return account;
  const props = [
    ...new Set([
      ...pairs.map((p) => p.hubspotProperty),
      ...MATCH_PROPS,
      ...(kind.link === "contact" ? filterProperties(ctx.settings.contacts.filters) : []),
    ]),
  ];

  // Creates wait for a full batch of 30 across pages (100 a page would otherwise send 30+30+30+10).
  // The saved cursor stays at the page the oldest waiting record came from: a resumed run re-reads
  // it, skips what is linked by then, and creates the rest.
  let carry: Pending[] = [];
  let carryFrom: string | undefined;
  let readAfter = ctx.progress.hubspotAfter;
  for (;;) {
    const page = await listPage(ctx.hubspot, kind.hubspotType, props, readAfter);
    if (!page.ok) return page;
    const pending: Pending[] = [];
    const newLinks: RecordLink[] = [];
    const ledger: LedgerEntry[] = [];
    for (const record of page.value.records) {
      const outcome = await classify(ctx, record, { pairs, index, taken, links, linkedQbo, nameField });
      if (!outcome.ok) return outcome;
      const v = outcome.value;
      if (v.create) pending.push(v.create);
      if (v.link) newLinks.push(v.link);
      ledger.push(entry(ctx, record.id, v.decision, v.outcome));
    }
    const last = !page.value.after;
    const waiting = [...carry, ...pending];
    const ready = last ? waiting.length : waiting.length - (waiting.length % BATCH_SIZE);
    if (carry.length === 0) carryFrom = readAfter;
    carry = ctx.dryRun ? [] : waiting.slice(ready);
    if (!ctx.dryRun) {
      const created = await createAll(
        ctx,
        waiting.slice(0, ready),
        account?.ok ? account.value : undefined,
        ledger,
      );
      if (!created.ok) return created;
      await saveLinks(ctx.db, [...newLinks, ...created.value], [], ctx.now());
      await recordLedgerMany(ctx.db, ledger);
    }
    ctx.progress.seen += page.value.records.length;
    readAfter = page.value.after;
    ctx.progress.hubspotAfter = carry.length ? carryFrom : readAfter;
    const remaining = Math.max(0, (ctx.progress.total ?? ctx.progress.seen) - ctx.progress.seen);
    ctx.progress.etaSeconds = etaSeconds({
      qboReads: 0,
      hubspotCalls: Math.ceil(remaining / 100),
      qboBatches: Math.ceil(remaining / BATCH_SIZE),
    });
    if (last) return ok("done");
    if (!(await ctx.checkpoint(ctx.progress))) return ok("paused");
  }
}

const entry = (
  ctx: RunContext,
  id: string,
  decision: string,
  outcome: LedgerEntry["outcome"],
): LedgerEntry => ({
  portalId: ctx.connection.portalId,
  connectionId: ctx.connection.connectionId,
  objectType: ctx.kind.link,
  objectId: id,
  trigger: "initial sync",
  decision,
  outcome,
  jobId: ctx.syncId,
  at: ctx.now(),
});

interface State {
  pairs: Pair[];
  index: KeyIndex<QboEntity>;
  taken: Set<string>;
  links: Map<string, RecordLink>;
  linkedQbo: Set<string>;
  nameField: string;
}

type Decision = { decision: string; outcome: LedgerEntry["outcome"]; create?: Pending; link?: RecordLink };

async function classify(
  ctx: RunContext,
  record: CrmRecord,
  s: State,
): Promise<Result<Decision, VendorError>> {
  const { kind, progress } = ctx;
  const p = record.properties;
  const label = [p.firstname, p.lastname].filter(Boolean).join(" ") || p.name || p.email || record.id;
  const skip = (what: "skipped" | "unchanged", decision: string) => {
    note(progress, what, label);
    return ok<Decision>({ decision, outcome: "skipped" });
  };
  if (s.links.has(record.id)) return skip("unchanged", `${label}: already linked`);
  const rule = kind.settingsOf(ctx.settings).createUpdate;
  if (rule === "none") return skip("skipped", `${label}: the rule is "do nothing"`);
  if (kind.link === "contact") {
    const failure = await contactFilterFailure(ctx.hubspot, ctx.settings, record);
    if (!failure.ok) return failure;
    if (failure.value) return skip("skipped", `${label} is not synced: ${failure.value}`);
  }
  const found = lookup(
    s.index,
    hubspotKeys(kind, record, ctx.settings.contacts),
    emailOf.hubspot(record),
    emailOf.qbo,
  );
  if (found.kind === "ambiguous" || (found.kind === "matched" && s.linkedQbo.has(found.id))) {
    note(progress, "review", label);
    if (!ctx.dryRun)
      await addReview(
        ctx.db,
        {
          connectionId: ctx.connection.connectionId,
          kind: kind.link,
          side: "hubspot",
          recordId: record.id,
          label,
          reason: `initial sync: no safe match`,
          candidates: (found.kind === "ambiguous" ? found.ids : [found.id]).map((id) => ({
            id,
            label: String(s.index.records.get(id)?.[s.nameField] ?? id),
          })),
        },
        ctx.now(),
      );
    return ok({ decision: `${label}: sent to review`, outcome: "skipped" });
  }
  if (found.kind === "matched") {
    note(progress, "linked", label);
    s.linkedQbo.add(found.id);
    const link: RecordLink = {
      connectionId: ctx.connection.connectionId,
      kind: kind.link,
      qboId: found.id,
      hubspotId: record.id,
      toHubspot: {},
      toQbo: {},
      archived: false,
    };
    return ok({
      decision: `${label} linked to QuickBooks ${kind.qboEntity} ${found.id} by ${found.by}`,
      outcome: "ok",
      link,
    });
  }
  if (rule === "update_only")
    return skip("skipped", `${label}: no QuickBooks record fits and the rule only updates`);
  note(progress, "created", label);
  return ok({
    decision: `${label}: create in QuickBooks`,
    outcome: "ok",
    create: pendingCreate(ctx, record, s, label),
  });
}

function pendingCreate(ctx: RunContext, record: CrmRecord, s: State, label: string): Pending {
  const body: Record<string, unknown> = {};
  const written: Record<string, string> = {};
  for (const pair of s.pairs) {
    const value = record.properties[pair.hubspotProperty];
    if (!value) continue;
    writeQboPath(body, pair.field, value);
    written[pair.field.path] = value;
  }
  const p = record.properties;
  const person = [p.firstname, p.lastname].filter(Boolean).join(" ");
  const wanted =
    ctx.kind.link === "product"
      ? p.name || p.hs_sku || `Product ${record.id}`
      : ctx.kind.link === "company"
        ? p.name || `Company ${record.id}`
        : person && p.company
          ? `${p.company} (${person})`
          : person || p.company || p.email || `Contact ${record.id}`;
  const name = uniqueDisplayName(wanted.replace(ctx.kind.qboEntity === "Item" ? /:/g : /$^/, " "), s.taken);
  s.taken.add(name);
  body[s.nameField] = name;
  // This run's later records must see it, so that two sharing an e-mail never both create.
  s.index.add(
    `pending:${record.id}`,
    body as QboEntity,
    hubspotKeys(ctx.kind, record, ctx.settings.contacts),
  );
  return { record, body, written, label };
}

async function createAll(
  ctx: RunContext,
  pending: Pending[],
  account: { value: string; name: string } | undefined,
  ledger: LedgerEntry[],
): Promise<Result<RecordLink[], VendorError>> {
  const links: RecordLink[] = [];
  for (let i = 0; i < pending.length; i += BATCH_SIZE) {
    const chunk = pending.slice(i, i + BATCH_SIZE);
    const items = chunk.map((c, j) => ({
      bId: `b${j + 1}`,
      body: account ? { Type: "Service", IncomeAccountRef: account, ...c.body } : c.body,
    }));
    const res = await batchCreate(
      ctx.qbo,
      ctx.kind.qboEntity,
      items,
      // From the records themselves: a rerun that rebuilds the same batch replays QBO's answer.
      requestIdFor(ctx.syncId, ...chunk.map((c) => c.record.id)),
    );
    if (!res.ok) return res;
    for (const [j, outcome] of res.value.entries()) {
      const c = chunk[j]!;
      if (outcome.entity) {
        links.push({
          connectionId: ctx.connection.connectionId,
          kind: ctx.kind.link,
          qboId: outcome.entity.Id,
          hubspotId: c.record.id,
          toHubspot: {},
          toQbo: c.written,
          archived: false,
        });
        continue;
      }
      ctx.progress.counts.created--;
      ctx.progress.counts.failed++;
      ledger.push(
        entry(
          ctx,
          c.record.id,
          `${c.label}: QuickBooks refused the create: ${outcome.fault?.message ?? "unknown"}`,
          "failed",
        ),
      );
    }
  }
  return ok(links);
}
