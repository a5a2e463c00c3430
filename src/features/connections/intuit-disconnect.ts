import { fetchCompanySettings } from "../../connectors/qbo/company.ts";
import type { Database } from "../../db/kysely.ts";
import type { Clock } from "../../lib/clock.ts";
import { activeQboConnectionsInRealms } from "./repo/qbo-connections.ts";
import { markNeedsReconnect } from "./repo/tokens.ts";
import type { VendorClients } from "./vendor-clients.ts";

export const DISCONNECTED_IN_QUICKBOOKS = "disconnected in QuickBooks";

/**
 * After a user disconnected the app in QuickBooks, Intuit sends their browser to our Disconnect
 * URL, naming the company (`realmId`) when it does. Anyone can open that URL, so its word alone
 * changes nothing: each active connection of that realm is probed with its own tokens, and only
 * one that QuickBooks no longer accepts (revoked: `auth`) is marked "needs reconnect".
 * Returns how many were marked.
 */
export async function confirmIntuitDisconnect(
  deps: { db: Database; clock: Clock; clients?: VendorClients },
  realmId: string | undefined,
): Promise<number> {
  if (!deps.clients || !realmId || !/^\d{1,30}$/.test(realmId)) return 0;
  let marked = 0;
  for (const connection of await activeQboConnectionsInRealms(deps.db, [realmId])) {
    const probe = await fetchCompanySettings(deps.clients.qbo(connection), realmId);
    if (probe.ok || probe.error.kind !== "auth") continue;
    const owner = { kind: "qbo" as const, connectionId: connection.connectionId };
    await markNeedsReconnect(deps.db, owner, DISCONNECTED_IN_QUICKBOOKS, deps.clock.now());
    marked++;
  }
  return marked;
}
