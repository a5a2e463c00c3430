import { queryPages } from "../../connectors/qbo/client.ts";
import { UPDATED_AT_FIELD } from "../../connectors/qbo/wire/index.ts";
import type { Database } from "../../db/kysely.ts";
import { readCheckpoint, writeCheckpoint } from "../changes/index.ts";
import { recordLedger } from "../activity/index.ts";
import { inTransaction, savePayment } from "./repo/index.ts";
import { findQboConnectionById } from "../connections/index.ts";
import type { Clock } from "../../lib/clock.ts";
import type { JobContext } from "../../queue/catalogue.ts";
import { backfillPayments } from "./jobs.ts";
import type { VendorClients } from "../connections/index.ts";
import { toPaymentRecord } from "./payment-facts.ts";

const doneKey = (connectionId: string) => `qbo:${connectionId}:payments-backfill`;
/** Where a backfill cut short stands: the last update time of the last page it saved. */
const placeKey = (connectionId: string) => `${doneKey(connectionId)}:from`;

export interface BackfillDeps {
  db: Database;
  clock: Clock;
  clients: VendorClients;
  /** Rows per query page (QBO's maximum unless a test asks for less). */
  pageSize?: number;
}

/**
 * Reads every payment oldest change first and saves its place after each page (issue 16: progress
 * per batch), so a read cut short by a fault or a killed worker resumes from the last saved page.
 * It resumes at that page's last update time, inclusive: the payments sharing it are read again,
 * which savePayment makes harmless.
 */
export async function backfillPaymentsHandler(
  deps: BackfillDeps,
  ctx: JobContext<{ connectionId: string }>,
): Promise<void> {
  const { db, clock } = deps;
  const key = doneKey(ctx.payload.connectionId);
  if (await readCheckpoint(db, key)) return;
  const conn = await findQboConnectionById(db, ctx.payload.connectionId);
  if (!conn || conn.status !== "active") return;
  const place = placeKey(conn.connectionId);
  const from = await readCheckpoint(db, place);
  let read = 0;
  let saved = 0;
  let malformed = 0;
  const all = await queryPages(
    deps.clients.qbo(conn),
    {
      entity: "Payment",
      where: from ? [[UPDATED_AT_FIELD, ">=", new Date(from)]] : [],
      orderBy: { field: UPDATED_AT_FIELD },
    },
    async (rows) => {
      let last: Date | undefined;
      for (const row of rows) {
        read += 1;
        const p = toPaymentRecord(row, conn.homeCurrency);
        if (!p.ok) {
          malformed += 1;
          continue;
        }
        last = p.value.qboUpdatedAt ?? last;
        // An older copy never overwrites what a CDC pull has already recorded (savePayment checks).
        if (await inTransaction(db, (trx) => savePayment(trx, conn, p.value, clock.now()))) saved += 1;
      }
      if (last) await writeCheckpoint(db, place, last.toISOString(), clock.now());
      await ctx.progress?.();
    },
    deps.pageSize,
  );
  if (!all.ok) {
    if (all.error.retryable) throw new Error(`QBO payments: ${all.error.message}`);
    await ledger(deps, conn, ctx, `Could not read the payments of ${conn.realmId}`, all.error);
    return;
  }
  await writeCheckpoint(db, key, clock.now().toISOString(), clock.now());
  await ledger(
    deps,
    conn,
    ctx,
    `Read ${read} earlier ${read === 1 ? "payment" : "payments"}: ${saved} recorded${malformed ? `, ${malformed} malformed and skipped` : ""}`,
  );
}

function ledger(
  deps: { db: Database; clock: Clock },
  conn: { portalId: string; connectionId: string; realmId: string },
  ctx: JobContext<{ connectionId: string }>,
  decision: string,
  error?: { kind: string; message: string },
) {
  return recordLedger(deps.db, {
    portalId: conn.portalId,
    connectionId: conn.connectionId,
    objectType: "connection",
    objectId: conn.realmId,
    trigger: "timer",
    decision,
    outcome: error ? "failed" : "ok",
    errorCategory: error?.kind ?? null,
    errorMessage: error?.message ?? null,
    retryJob: error ? { name: backfillPayments.name, payload: ctx.payload } : null,
    jobId: ctx.jobId,
    at: deps.clock.now(),
  });
}
