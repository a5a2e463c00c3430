import { eachLimited } from "../../lib/limited.ts";
import type { HttpClient } from "../../connectors/http-client.ts";
import { archivedPage } from "./sides/index.ts";
import { z } from "zod";
import { modifiedSince, type CrmRecord, type SearchCursor } from "../../connectors/hubspot/search.ts";
import type { Database } from "../../db/kysely.ts";
import { readCheckpoint, writeCheckpoint } from "../changes/index.ts";
import { recordLedger } from "../activity/index.ts";
import { findPortal } from "../connections/index.ts";
import { activeQboConnectionsOfPortal } from "../connections/index.ts";
import { liveLinkedHubspotIds } from "./repo/record-links.ts";
import type { Clock } from "../../lib/clock.ts";
import type { JobContext } from "../../queue/catalogue.ts";
import { writesNothing } from "./echo.ts";
import { COMPANY_KIND, CONTACT_KIND, customerKind, PRODUCT_KIND, type RecordKind } from "./kinds.ts";
import { pairsFor, type Pair } from "./pairs.ts";
import { applyToEachCompany } from "./rules.ts";
import { flowsToQbo, type SyncSettings } from "../settings/index.ts";
import { loadSettings } from "../settings/index.ts";
import type { VendorClients } from "../connections/index.ts";

/** The HubSpot objects whose webhooks are latency hints only: this reconcile is their truth (docs/adr/0004-webhooks-are-hints-cdc-is-truth.md). */
export const RECONCILED_OBJECTS = ["contacts", "companies", "products"] as const;
export type ReconciledObject = (typeof RECONCILED_OBJECTS)[number];

const KINDS: Record<ReconciledObject, RecordKind> = {
  contacts: CONTACT_KIND,
  companies: COMPANY_KIND,
  products: PRODUCT_KIND,
};

/** Search lags writes by a few seconds (docs/vendors/hubspot.md §4): re-read what changed this close to the read. */
const OVERLAP_MS = 5 * 60_000;

interface Deps {
  db: Database;
  clock: Clock;
  clients: VendorClients;
}
type Ctx = JobContext<{ portalId: string; objectType: ReconciledObject }>;
interface Company {
  connectionId: string;
  createdAt: Date;
  settings: SyncSettings;
  pairs: Pair[];
}

/**
 * A lost HubSpot webhook costs latency, not data: every reconcile re-reads the contacts, companies
 * or products modified since a checkpoint and runs each through the same rule as the webhook, then
 * lists archived ones (search never shows them) for the delete rule. With no company syncing this
 * kind towards QBO nothing is read, and the checkpoint follows the clock, so turning the sync on
 * later does not replay what changed while it was off.
 */
export async function reconcileHubSpotRecordsHandler(deps: Deps, ctx: Ctx): Promise<void> {
  const portal = await findPortal(deps.db, ctx.payload.portalId);
  if (!portal || portal.status !== "active") return;
  const kind = KINDS[ctx.payload.objectType];
  const companies = await companiesSyncing(deps.db, portal.portalId, kind);
  const key = `hubspot:${portal.portalId}:${kind.hubspotType}:modified`;
  const started = deps.clock.now();
  if (companies.length === 0) {
    await writeCheckpoint(deps.db, key, new Date(started.getTime() - OVERLAP_MS).toISOString(), started);
    return;
  }
  const http = deps.clients.hubspot(portal);
  const first = new Date(Math.min(...companies.map((c) => c.createdAt.getTime())));
  const since = new Date((await readCheckpoint(deps.db, key)) ?? first.toISOString());
  const next = await modifiedPass(deps, ctx, http, kind, companies, since, started, key);
  if (next) await writeCheckpoint(deps.db, key, next.toISOString(), deps.clock.now());
  if (next) await writeCheckpoint(deps.db, pageKey(key), "", deps.clock.now());
  await archivedPass(deps, ctx, http, kind, companies);
}

/** The active companies of the portal whose settings sync this kind towards QBO. */
async function companiesSyncing(db: Database, portalId: string, kind: RecordKind): Promise<Company[]> {
  const connections = await activeQboConnectionsOfPortal(db, portalId);
  const companies: Company[] = [];
  for (const c of connections) {
    const settings = await loadSettings(db, c.connectionId);
    if (kind.link !== "product" && customerKind(settings) !== kind) continue;
    if (!flowsToQbo(kind.settingsOf(settings))) continue;
    const pairs = await pairsFor(db, c.connectionId, kind, "to_qbo");
    companies.push({ connectionId: c.connectionId, createdAt: c.createdAt, settings, pairs });
  }
  return companies;
}

/**
 * A pass saves where it stands after each page it has handled (issue 16: progress per batch), so a
 * pass cut short by a vendor fault or a killed worker resumes after the last handled page instead
 * of re-reading from its start. The saved place belongs to one pass: it is used only by a pass
 * reading from the same checkpoint, and cleared when a pass completes.
 */
/** Records of one page applied at once: as many as the QBO pull's changes, for the same reason. */
const RECORDS_AT_ONCE = 8;

const pageKey = (key: string) => `${key}:page`;

async function readPage(deps: Deps, key: string, since: Date): Promise<SearchCursor | undefined> {
  const saved = await readCheckpoint(deps.db, pageKey(key));
  if (!saved) return undefined;
  const parsed = savedPage.safeParse(JSON.parse(saved));
  if (!parsed.success || parsed.data.since !== since.toISOString()) return undefined;
  const { afterId, maxModified } = parsed.data;
  return { afterId, maxModified: maxModified ? new Date(maxModified) : undefined };
}

const savedPage = z.object({ since: z.string(), afterId: z.string(), maxModified: z.string().optional() });

/** Returns the next checkpoint, or undefined when the search failed for good (it stays put). */
async function modifiedPass(
  deps: Deps,
  ctx: Ctx,
  http: HttpClient,
  kind: RecordKind,
  companies: Company[],
  since: Date,
  started: Date,
  key: string,
): Promise<Date | undefined> {
  const properties = [...new Set(companies.flatMap((c) => c.pairs.map((p) => p.hubspotProperty)))];
  let echoes = 0;
  const from = await readPage(deps, key, since);
  if (from)
    ctx.log.info({ objectType: kind.hubspotType, afterId: from.afterId }, "HubSpot reconcile resumes");
  const handle = async (records: CrmRecord[], next: SearchCursor) => {
    // A page's records side by side (ADR 0044): each is another record, and its QBO calls are what
    // the pass waits on. A fault that outlasts its retries redoes the page; what was written shows
    // as an echo then.
    await eachLimited(records, RECORDS_AT_ONCE, async (record) => {
      // Our own writes come back as modifications; when they carry nothing new, skip the QBO read.
      if (await writesNothing(deps.db, companies, kind, record)) {
        echoes += 1;
        return;
      }
      const applied = await applyToEachCompany(deps, ctx.payload.portalId, kind, record.id, false);
      if (applied) await ledger(deps, ctx, kind, record.id, applied);
      // Moving forward, though the page is not saved yet: a rerun finds this record an echo and
      // calls nothing for it. So a page that keeps meeting faults retries within seconds, not after
      // a backoff that doubled with every failure of that page (ADR 0044).
      await ctx.progress?.();
    });
    const saved = {
      since: since.toISOString(),
      afterId: next.afterId,
      maxModified: next.maxModified?.toISOString(),
    };
    await writeCheckpoint(deps.db, pageKey(key), JSON.stringify(saved), deps.clock.now());
    await ctx.progress?.();
  };
  const res = await modifiedSince(http, kind.hubspotType, since, properties, handle, from);
  if (!res.ok) {
    if (res.error.retryable) throw new Error(`HubSpot ${kind.hubspotType} reconcile: ${res.error.message}`);
    ctx.log.warn({ error: res.error }, "HubSpot reconcile search failed");
    return undefined;
  }
  ctx.log.info({ objectType: kind.hubspotType, read: res.value.count, echoes }, "HubSpot reconcile");
  // Everything older than the overlap was visible to this read; the newest change seen (HubSpot's
  // own clock) is the bound when it is older still, so a quiet portal does not re-read it forever.
  const bound = started.getTime() - OVERLAP_MS;
  const seen = res.value.maxModified ? res.value.maxModified.getTime() + 1 : bound;
  return new Date(Math.max(since.getTime(), Math.min(bound, seen)));
}

/**
 * HubSpot's search never shows archived records and archiving does not move
 * hs_lastmodifieddate (docs/vendors/hubspot.md §4), so they are listed: `GET …?archived=true` has no sort or
 * filter, so each run pages through the whole recycle bin (records stay there 90 days): one call
 * per 100 archived records of this kind. It runs only when a company deletes on "archive" and has
 * a live link of this kind, and only linked, not yet archived records reach the rule.
 */
async function archivedPass(deps: Deps, ctx: Ctx, http: HttpClient, kind: RecordKind, companies: Company[]) {
  const archiving = companies
    .filter((c) => kind.settingsOf(c.settings).deleteRule === "archive")
    .map((c) => c.connectionId);
  if ((await liveLinkedHubspotIds(deps.db, archiving, kind.link)).length === 0) return;
  let after: string | undefined;
  let pages = 0;
  do {
    const page = await archivedPage(http, kind, after);
    if (!page.ok) {
      if (page.error.retryable)
        throw new Error(`HubSpot archived ${kind.hubspotType}: ${page.error.message}`);
      ctx.log.warn({ error: page.error }, "HubSpot archived listing failed");
      return;
    }
    pages += 1;
    const ids = page.value.ids;
    for (const id of await liveLinkedHubspotIds(deps.db, archiving, kind.link, ids)) {
      const applied = await applyToEachCompany(deps, ctx.payload.portalId, kind, id, true);
      if (applied) await ledger(deps, ctx, kind, id, applied);
    }
    after = page.value.after;
  } while (after);
  ctx.log.info({ objectType: kind.hubspotType, pages }, "HubSpot archived records listed");
}

function ledger(
  deps: Deps,
  ctx: Ctx,
  kind: RecordKind,
  objectId: string,
  applied: { decision: string; outcome: "ok" | "failed" | "skipped" },
) {
  return recordLedger(deps.db, {
    portalId: ctx.payload.portalId,
    objectType: kind.link,
    objectId,
    trigger: "timer",
    ...applied,
    jobId: ctx.jobId,
    at: deps.clock.now(),
  });
}
