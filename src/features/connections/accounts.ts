import type { Database } from "../../db/kysely.ts";
import { findPortal } from "./repo/portals.ts";
import { listQboConnections } from "./repo/qbo-connections.ts";

/** The portal and QuickBooks companies a signed-in user has connected, as the Overview names them. */
export async function connectedAccounts(db: Database, portalId: string) {
  const portal = await findPortal(db, portalId);
  const companies = await listQboConnections(db, portalId);
  return {
    hubspot: portal ? { portalId: portal.portalId, status: portal.status } : undefined,
    companies: companies.map((c) => ({ companyName: c.companyName, status: c.status })),
  };
}
