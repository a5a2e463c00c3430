import { isDeepStrictEqual } from "node:util";
import { updateDeal } from "../../connectors/hubspot/deals.ts";
import type { Database } from "../../db/kysely.ts";
import { invoicesForRecord, lastDealPropertyWrite, saveDealPropertyWrite } from "./repo/index.ts";
import { recordLedger } from "../activity/index.ts";
import { findPortal } from "../connections/index.ts";
import type { Clock } from "../../lib/clock.ts";
import type { JobContext } from "../../queue/catalogue.ts";
import { dealInvoiceProperties, type DealInvoice } from "./deal-properties.ts";
import type { VendorClients } from "../connections/index.ts";
import { refreshDealFacts } from "./deal-facts.ts";
import { KeyedMutex } from "../../lib/mutex.ts";

/** Deals whose properties this process is writing (one write per deal at a time). */
const dealWrites = new KeyedMutex();

export interface DealSyncDeps {
  db: Database;
  clock: Clock;
  clients: VendorClients;
}

/**
 * `update-deal-properties` (S2–S4): the deal's five properties from its invoices, the most
 * recently updated live one winning; written only when they differ from what we last wrote, so a
 * reconcile that changes nothing writes nothing. A different currency leaves the deal alone (S4).
 */
export async function updateDealPropertiesHandler(
  deps: DealSyncDeps,
  ctx: JobContext<{ portalId: string; dealId: string }>,
): Promise<void> {
  const { db, clock } = deps;
  const { portalId, dealId } = ctx.payload;
  const portal = await findPortal(db, portalId);
  if (!portal || portal.status !== "active") return;
  // The pull's own write and the delayed recheck behind it (ADR 0040) may reach one deal together:
  // one at a time, the second then finds the first's write and has nothing to send.
  await dealWrites.run(`${portalId}:${dealId}`, () => writeDealProperties(deps, ctx, portal));
  // W4: the deal's owner and pipeline for the reports, read after the write: the status a person is
  // waiting for does not wait for a read only the reports need (ADR 0040). Its failure holds nothing back.
  const facts = await refreshDealFacts(deps.clients.hubspot(portal), db, ctx.payload, clock.now());
  if (!facts.ok) ctx.log.warn({ dealId, error: facts.error.message }, "deal owner and pipeline not read");
}

async function writeDealProperties(
  deps: DealSyncDeps,
  ctx: JobContext<{ portalId: string; dealId: string }>,
  portal: NonNullable<Awaited<ReturnType<typeof findPortal>>>,
): Promise<void> {
  const { db, clock } = deps;
  const { portalId, dealId } = ctx.payload;
  const rows = await invoicesForRecord(db, portalId, "deals", dealId);
  const invoices: DealInvoice[] = rows.map((r) => ({
    number: r.docNumber ?? r.qboInvoiceId,
    recipient: r.customerName,
    amount: Number(r.totalAmt),
    currency: r.currency,
    dueDate: r.dueDate ?? undefined,
    state: r.state,
    updatedAt: r.qboUpdatedAt,
  }));
  const wanted = dealInvoiceProperties(invoices, portal.companyCurrency);
  const ledger = (entry: {
    decision: string;
    outcome: "ok" | "failed" | "skipped";
    error?: { kind: string; message: string };
  }) =>
    recordLedger(db, {
      portalId,
      objectType: "deal",
      objectId: dealId,
      trigger: "invoice",
      decision: entry.decision,
      outcome: entry.outcome,
      errorCategory: entry.error?.kind ?? null,
      errorMessage: entry.error?.message ?? null,
      retryJob: entry.outcome === "failed" ? { name: "update-deal-properties", payload: ctx.payload } : null,
      jobId: ctx.jobId,
      at: clock.now(),
    });
  if (!wanted) {
    await ledger({
      decision: `Deal ${dealId}: the latest invoice is not in ${portal.companyCurrency}, so the deal's invoice properties are left as they are (S4)`,
      outcome: "skipped",
    });
    return;
  }
  const properties = Object.fromEntries(Object.entries(wanted).map(([k, v]) => [k, v ?? ""]));
  const last = await lastDealPropertyWrite(db, portalId, dealId);
  // Compared as objects, not strings: jsonb keeps keys in its own order (shortest first).
  if (last && isDeepStrictEqual(last.properties, properties)) return;

  const res = await updateDeal(deps.clients.hubspot(portal), dealId, properties);
  if (!res.ok) {
    if (res.error.retryable) throw new Error(`HubSpot deal update: ${res.error.message}`);
    await ledger({
      decision: `Could not write the invoice properties of deal ${dealId}`,
      outcome: "failed",
      error: res.error,
    });
    return;
  }
  const now = clock.now();
  await saveDealPropertyWrite(db, portalId, dealId, properties, now);
  await ledger({
    decision: wanted.qbo_invoice_number
      ? `Deal ${dealId}: invoice ${wanted.qbo_invoice_number} is ${wanted.qbo_invoice_status}`
      : `Deal ${dealId}: no live invoice left; invoice properties cleared`,
    outcome: "ok",
  });
}
