import type { Database } from "../../db/kysely.ts";
import { readCheckpoint, writeCheckpoint } from "./repo.ts";
import { recordLedger } from "../activity/index.ts";
import { findPortal } from "../connections/index.ts";
import { modifiedSince, type CrmRecord } from "../../connectors/hubspot/search.ts";
import type { Clock } from "../../lib/clock.ts";
import type { JobContext } from "../../queue/catalogue.ts";
import type { VendorClients } from "../connections/index.ts";

/** HubSpot sends no webhooks for these (docs/vendors/hubspot.md §7, docs/adr/0004-webhooks-are-hints-cdc-is-truth.md): they are polled by modification time. */
export const POLLED_OBJECTS = ["quotes", "invoices"] as const;
export type PolledObject = (typeof POLLED_OBJECTS)[number];

export type HubSpotRecordRule = (
  portalId: string,
  objectType: PolledObject,
  record: CrmRecord,
) => Promise<{ decision: string; outcome: "ok" | "failed" | "skipped" } | undefined>;

/** Search lags writes by a few seconds (docs/vendors/hubspot.md §4): re-read a little behind the last change seen. */
const OVERLAP_MS = 5 * 60_000;

export async function pollHubSpotHandler(
  deps: { db: Database; clock: Clock; clients: VendorClients; rules: HubSpotRecordRule[] },
  ctx: JobContext<{ portalId: string; objectType: PolledObject }>,
): Promise<void> {
  const portal = await findPortal(deps.db, ctx.payload.portalId);
  if (!portal || portal.status !== "active") return;
  const { objectType } = ctx.payload;
  const key = `hubspot:${portal.portalId}:${objectType}:modified`;
  const since = new Date((await readCheckpoint(deps.db, key)) ?? portal.createdAt.toISOString());
  const http = deps.clients.hubspot(portal);
  const res = await modifiedSince(http, objectType, since, [], async (records) => {
    for (const record of records) {
      const applied = await firstApplying(deps.rules, portal.portalId, objectType, record);
      if (!applied) continue; // polling re-reads an overlap: only decisions are worth a ledger line
      await recordLedger(deps.db, {
        portalId: portal.portalId,
        objectType: objectType.replace(/s$/, ""),
        objectId: record.id,
        trigger: "poll",
        ...applied,
        jobId: ctx.jobId,
        at: deps.clock.now(),
      });
    }
  });
  if (!res.ok) {
    if (res.error.retryable) throw new Error(`HubSpot ${objectType} poll: ${res.error.message}`);
    ctx.log.warn({ error: res.error }, "HubSpot poll failed");
    return;
  }
  if (res.value.maxModified) {
    const next = new Date(Math.max(since.getTime(), res.value.maxModified.getTime() - OVERLAP_MS));
    await writeCheckpoint(deps.db, key, next.toISOString(), deps.clock.now());
  }
}

async function firstApplying(
  rules: HubSpotRecordRule[],
  portalId: string,
  objectType: PolledObject,
  record: CrmRecord,
) {
  for (const rule of rules) {
    const applied = await rule(portalId, objectType, record);
    if (applied) return applied;
  }
  return undefined;
}
