import type { Database } from "../../db/kysely.ts";
import { recordLedger, type VendorCall as LedgerCall } from "../activity/index.ts";
import type { VendorCall } from "../../connectors/http-client.ts";
import { findPortal, markPortalSetUp } from "./repo/portals.ts";
import { hubspotPropertiesApi } from "../../connectors/hubspot/properties.ts";
import type { Clock } from "../../lib/clock.ts";
import type { JobContext } from "../../queue/catalogue.ts";
import { setupPortal, type Locale } from "./portal-setup.ts";
import type { VendorClients } from "./vendor-clients.ts";
import { inTransaction } from "../../db/transaction.ts";
import { resumeParkedJobs, setupOf, type ResumingQueue } from "./waiting.ts";

/** Creates Ledgerlink's properties in a newly connected portal (A1, S2); safe to run again. */
export async function setupPortalHandler(
  deps: { db: Database; clock: Clock; clients: VendorClients; queue?: Partial<ResumingQueue> },
  ctx: JobContext<{ portalId: string; locale: Locale }>,
): Promise<void> {
  const portal = await findPortal(deps.db, ctx.payload.portalId);
  if (!portal || portal.status !== "active") return;
  // Every call the set-up makes goes into its ledger entry: the Activity page counts them.
  const calls: LedgerCall[] = [];
  const http = deps.clients.hubspot(portal, (call: VendorCall) => {
    calls.push({
      vendor: "hubspot",
      method: call.method,
      path: call.path,
      status: call.status,
      ms: call.durationMs,
      errorKind: call.errorKind,
    });
  });
  const result = await setupPortal(hubspotPropertiesApi(http), ctx.payload.locale);
  await recordLedger(deps.db, {
    portalId: portal.portalId,
    objectType: "connection",
    objectId: portal.portalId,
    trigger: "user",
    decision: result.ok
      ? `set up HubSpot properties (${result.value.createdProperties.length} created, the rest already there)`
      : "set up HubSpot properties",
    outcome: result.ok ? "ok" : "failed",
    vendorCalls: calls,
    errorMessage: result.ok ? null : result.error,
    retryJob: result.ok ? null : { name: "setup-portal", payload: ctx.payload },
    jobId: ctx.jobId,
    at: deps.clock.now(),
  });
  if (!result.ok) throw new Error(`portal set-up failed: ${result.error}`);
  // Work that waited for the set-up (an initial sync started right after connecting) goes on now.
  await inTransaction(deps.db, async (trx) => {
    await markPortalSetUp(trx, portal.portalId, deps.clock.now());
    await resumeParkedJobs(trx, deps.queue, setupOf(portal.portalId));
  });
}
