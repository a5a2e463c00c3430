import { inTransaction } from "../../db/transaction.ts";
import type { Database } from "../../db/kysely.ts";
import { activeQboConnections, findQboConnectionById, updateCompanyFacts } from "./repo/qbo-connections.ts";
import { fetchCompanySettings } from "../../connectors/qbo/company.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Enqueuer, JobContext } from "../../queue/catalogue.ts";
import { refreshCompanyInfo } from "./jobs.ts";
import type { VendorClients } from "./vendor-clients.ts";

/** Re-reads a company's name, country, currency and numbering settings (A2: daily). */
export async function refreshCompanyInfoHandler(
  deps: { db: Database; clock: Clock; clients: VendorClients },
  ctx: JobContext<{ connectionId: string }>,
): Promise<void> {
  const conn = await findQboConnectionById(deps.db, ctx.payload.connectionId);
  if (!conn || conn.status !== "active") return;
  const settings = await fetchCompanySettings(deps.clients.qbo(conn), conn.realmId);
  if (!settings.ok) {
    if (settings.error.retryable) throw new Error(`company settings: ${settings.error.message}`);
    ctx.log.warn({ error: settings.error }, "company settings could not be read");
    return;
  }
  await updateCompanyFacts(deps.db, conn.connectionId, settings.value, deps.clock.now());
}

/** Queues a settings refresh for every active company, in one transaction. */
export async function refreshAllCompanyInfoHandler(deps: { db: Database; queue: Enqueuer }): Promise<void> {
  const active = await activeQboConnections(deps.db);
  await inTransaction(deps.db, async (trx) => {
    for (const c of active)
      await deps.queue.enqueue(trx, refreshCompanyInfo, { connectionId: c.connectionId });
  });
}
