import type { Database } from "../../db/kysely.ts";
import { markProcessed, unprocessed } from "./repo.ts";
import { findPortal } from "../connections/index.ts";
import { recordLedger } from "../activity/index.ts";
import type { HubSpotEvent } from "../../connectors/hubspot/webhooks.ts";
import type { Clock } from "../../lib/clock.ts";
import type { JobContext } from "../../queue/catalogue.ts";

export interface HubSpotEventRule {
  (
    portalId: string,
    event: HubSpotEvent,
  ): Promise<{ decision: string; outcome: "ok" | "failed" | "skipped" } | undefined>;
}

/**
 * Works through a portal's stored HubSpot events in the order HubSpot says they happened
 * (deliveries arrive unordered). Changes our own app made (`changeSource` of our app) are echoes
 * and are dropped. Each event ends as one ledger entry.
 */
export async function processHubSpotEventsHandler(
  deps: { db: Database; clock: Clock; rules: HubSpotEventRule[] },
  ctx: JobContext<{ portalId: string }>,
): Promise<void> {
  const rows = await unprocessed(deps.db, "hubspot", ctx.payload.portalId);
  const ourApp = (await findPortal(deps.db, ctx.payload.portalId))?.appId;
  const events = rows
    .map((row) => ({ id: row.id, event: reviveEvent(row.payload) }))
    .sort((a, b) => a.event.occurredAt.getTime() - b.event.occurredAt.getTime());
  for (const { id, event } of events) {
    const applied = isOurEcho(event, ourApp)
      ? {
          decision: `${event.subscriptionType} made by Ledgerlink itself; not synced back`,
          outcome: "skipped" as const,
        }
      : await firstApplying(deps.rules, ctx.payload.portalId, event);
    await recordLedger(deps.db, {
      portalId: ctx.payload.portalId,
      objectType: event.subscriptionType.split(".")[0] ?? "object",
      objectId: event.objectId ?? null,
      trigger: "webhook",
      ...applied,
      jobId: ctx.jobId,
      at: deps.clock.now(),
    });
    await markProcessed(deps.db, [id], deps.clock.now());
  }
}

/** HubSpot reports a change made with an app's token as `changeSource: INTEGRATION` and the app's id. */
const isOurEcho = (event: HubSpotEvent, appId: string | undefined) =>
  appId !== undefined && event.changeSource === "INTEGRATION" && event.sourceId === appId;

async function firstApplying(rules: HubSpotEventRule[], portalId: string, event: HubSpotEvent) {
  for (const rule of rules) {
    const applied = await rule(portalId, event);
    if (applied) return applied;
  }
  return {
    decision: `${event.subscriptionType}${event.propertyName ? ` (${event.propertyName})` : ""} in HubSpot; no sync rule applies to it`,
    outcome: "skipped" as const,
  };
}

function reviveEvent(payload: unknown): HubSpotEvent {
  const e = payload as HubSpotEvent & { occurredAt: string | Date };
  return { ...e, occurredAt: new Date(e.occurredAt) };
}
