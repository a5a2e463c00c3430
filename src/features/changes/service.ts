import { inTransaction } from "../../db/transaction.ts";
import type { Database } from "../../db/kysely.ts";
import {
  readHubSpotDelivery,
  type WebhookRefusal as HubSpotRefusal,
} from "../../connectors/hubspot/webhooks.ts";
import { readQboDelivery, type WebhookRefusal as QboRefusal } from "../../connectors/qbo/webhooks.ts";
import type { Clock } from "../../lib/clock.ts";
import { err, ok, type Result } from "../../lib/result.ts";
import type { Enqueuer } from "../../queue/catalogue.ts";
import {
  activePortalIds,
  activeQboConnectionsInRealms,
  portalAdmission,
  type VendorApps,
} from "../connections/index.ts";
import { processHubSpotEvents, pullQboChanges } from "./jobs.ts";
import { storeDelivery } from "./repo.ts";

export interface IntakeDeps {
  db: Database;
  clock: Clock;
  vendors: VendorApps;
  queue?: Enqueuer;
  /** Verifies `intuit-signature`; without it QuickBooks webhooks are refused. */
  intuitVerifierToken?: string;
  /** HUBSPOT_ALLOWED_PORTALS (ADR 0024): events of other portals are never stored. */
  allowedPortals?: readonly string[];
}

/** Why a delivery was not taken: we cannot check it (not configured), or it failed the check. */
export type IntakeRefusal =
  | { kind: "not_configured" }
  | { kind: "refused"; refusal: QboRefusal | HubSpotRefusal }
  /** Every event was for portals this instance does not serve (ADR 0024); nothing was stored. */
  | { kind: "portal_refused"; portalIds: string[] };

/** A webhook as it came in: the raw body (signatures cover its exact bytes) and the request's id. */
export interface QboDelivery {
  rawBody: Uint8Array;
  signature: string | undefined;
  requestId?: string;
}

export interface HubSpotDelivery {
  method: string;
  /** The URL HubSpot signed: our public URL, the path and the query. */
  url: string;
  rawBody: Uint8Array;
  header: (name: string) => string | undefined;
  requestId?: string;
}

/**
 * Takes a QuickBooks delivery (docs/adr/0004-webhooks-are-hints-cdc-is-truth.md): verify the
 * signature on the raw body, keep each event once in the inbox and queue one pull per company
 * that a new event touched, all in one transaction. Events are only hints: the pull reads the
 * truth from QuickBooks.
 */
export async function receiveQboWebhook(
  deps: IntakeDeps,
  delivery: QboDelivery,
): Promise<Result<{ received: number }, IntakeRefusal>> {
  const { intuitVerifierToken: verifierToken, queue } = deps;
  if (!verifierToken || !queue) return err({ kind: "not_configured" });
  const now = deps.clock.now();
  const read = readQboDelivery({
    rawBody: delivery.rawBody,
    signature: delivery.signature,
    verifierToken,
    receivedAt: now,
  });
  if (!read.ok) return err({ kind: "refused", refusal: read.error });
  const changes = read.value;

  await inTransaction(deps.db, async (trx) => {
    const realms = [...new Set(changes.map((change) => change.realmId))];
    const connections = await activeQboConnectionsInRealms(trx, realms);
    const touched = new Set<string>();
    for (const change of changes) {
      const fresh = await storeDelivery(trx, {
        vendor: "qbo",
        accountId: change.realmId,
        dedupeKey: change.dedupeKey,
        payload: change,
        receivedAt: now,
      });
      if (!fresh) continue; // a replay: its pull was queued when it first came
      for (const conn of connections) if (conn.realmId === change.realmId) touched.add(conn.connectionId);
    }
    for (const connectionId of touched)
      await queue.enqueue(
        trx,
        pullQboChanges,
        { connectionId, reason: "webhook" },
        { requestId: delivery.requestId },
      );
  });
  return ok({ received: changes.length });
}

/**
 * Takes a HubSpot delivery (docs/adr/0004-webhooks-are-hints-cdc-is-truth.md): verify the
 * signature, keep each event of an active portal once in the inbox, and queue one event run per
 * portal that got a new event, all in one transaction. Events of unknown or disconnected portals
 * are dropped.
 */
export async function receiveHubSpotWebhook(
  deps: IntakeDeps,
  delivery: HubSpotDelivery,
): Promise<Result<{ received: number }, IntakeRefusal>> {
  const { vendors, queue } = deps;
  if (!vendors.hubspot || !queue) return err({ kind: "not_configured" });
  const now = deps.clock.now();
  const read = readHubSpotDelivery({
    method: delivery.method,
    url: delivery.url,
    rawBody: delivery.rawBody,
    header: delivery.header,
    clientSecret: vendors.hubspot.clientSecret,
    now,
  });
  if (!read.ok) return err({ kind: "refused", refusal: read.error });
  const admitted = await portalAdmission(deps.db, deps.allowedPortals);
  const refused = [...new Set(read.value.map((e) => e.portalId).filter((id) => !admitted(id)))];
  const events = read.value.filter((e) => admitted(e.portalId));
  // A delivery only for portals we do not serve is refused as a whole; a mixed one is taken for
  // the served portals (refusing it would make HubSpot resend their events too).
  if (events.length === 0 && refused.length > 0) return err({ kind: "portal_refused", portalIds: refused });

  await inTransaction(deps.db, async (trx) => {
    const portals = new Set(await activePortalIds(trx));
    const touched = new Set<string>();
    for (const event of events) {
      if (!portals.has(event.portalId)) continue;
      const fresh = await storeDelivery(trx, {
        vendor: "hubspot",
        accountId: event.portalId,
        dedupeKey: event.dedupeKey,
        payload: event,
        receivedAt: now,
      });
      if (fresh) touched.add(event.portalId);
    }
    for (const portalId of touched)
      await queue.enqueue(trx, processHubSpotEvents, { portalId }, { requestId: delivery.requestId });
  });
  return ok({ received: events.length });
}
