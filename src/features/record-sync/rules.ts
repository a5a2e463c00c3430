import type { Database } from "../../db/kysely.ts";
import { findPortal } from "../connections/index.ts";
import type { Clock } from "../../lib/clock.ts";
import type { HubSpotEventRule } from "../changes/index.ts";
import type { AppliedChange, QboChangeRule } from "../changes/index.ts";
import { loadSettings } from "../settings/index.ts";
import type { VendorClients } from "../connections/index.ts";
import { COMPANY_KIND, CONTACT_KIND, customerKind, PRODUCT_KIND, type RecordKind } from "./kinds.ts";
import { syncOne } from "./engine/incremental.ts";
import { activeQboConnectionsOfPortal } from "../connections/index.ts";
import { qboChange, qboDeleted, sidesOf } from "./sides/index.ts";

export interface RuleDeps {
  db: Database;
  clock: Clock;
  clients: VendorClients;
}

/** QBO Customer and Item changes (webhook or CDC) → contact/company/product sync (C, P). */
export function recordChangeRule(deps: RuleDeps): QboChangeRule {
  return async (change) => {
    if (change.entity !== "Customer" && change.entity !== "Item") return undefined;
    if (qboDeleted(change.object)) return undefined; // names are made inactive, never deleted
    const portal = await findPortal(deps.db, change.portalId);
    if (!portal || portal.status !== "active") return undefined;
    const settings = await loadSettings(deps.db, change.connectionId);
    const kind = change.entity === "Item" ? PRODUCT_KIND : customerKind(settings);
    const connection = { connectionId: change.connectionId, realmId: change.realmId };
    const sides = sidesOf(
      kind,
      {
        hubspot: deps.clients.hubspot(portal),
        qbo: deps.clients.qbo(connection),
        db: deps.db,
        now: () => deps.clock.now(),
      },
      connection,
      settings,
    );
    return syncOne(
      { db: deps.db, now: deps.clock.now(), connection, settings },
      sides.qbo,
      sides.hubspot,
      qboChange(kind, change.object),
    );
  };
}

const KIND_OF_EVENT: Record<string, RecordKind> = {
  contact: CONTACT_KIND,
  company: COMPANY_KIND,
  product: PRODUCT_KIND,
};

/** HubSpot contact/company/product events → the same sync, towards QBO, for each connected company. */
export function recordEventRule(deps: RuleDeps): HubSpotEventRule {
  return async (portalId, event) => {
    const [objectName, action] = event.subscriptionType.split(".");
    const kind = KIND_OF_EVENT[objectName ?? ""];
    if (!kind || !event.objectId || !action) return undefined;
    if (!["creation", "propertyChange", "deletion", "restore"].includes(action)) return undefined;
    return applyToEachCompany(deps, portalId, kind, event.objectId, action === "deletion");
  };
}

/**
 * Runs one HubSpot record through every connected company whose settings sync this kind. A company
 * syncing customers as companies ignores contact events, and the other way round.
 */
export async function applyToEachCompany(
  deps: RuleDeps,
  portalId: string,
  kind: RecordKind,
  hubspotId: string,
  archived: boolean,
): Promise<{ decision: string; outcome: AppliedChange["outcome"] } | undefined> {
  const portal = await findPortal(deps.db, portalId);
  if (!portal || portal.status !== "active") return undefined;
  const connections = await activeQboConnectionsOfPortal(deps.db, portalId);
  const results: AppliedChange[] = [];
  for (const connection of connections) {
    const settings = await loadSettings(deps.db, connection.connectionId);
    if (kind.link !== "product" && customerKind(settings) !== kind) continue;
    const sides = sidesOf(
      kind,
      {
        hubspot: deps.clients.hubspot(portal),
        qbo: deps.clients.qbo(connection),
        db: deps.db,
        now: () => deps.clock.now(),
      },
      connection,
      settings,
    );
    results.push(
      await syncOne({ db: deps.db, now: deps.clock.now(), connection, settings }, sides.hubspot, sides.qbo, {
        id: hubspotId,
        gone: archived,
      }),
    );
  }
  if (results.length === 0) return undefined;
  const outcome = results.some((r) => r.outcome === "failed")
    ? "failed"
    : results.some((r) => r.outcome === "ok")
      ? "ok"
      : "skipped";
  return { decision: results.map((r) => r.decision).join("; "), outcome };
}
