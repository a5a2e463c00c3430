import { inTransaction } from "../../db/transaction.ts";
import { z } from "zod";
import type { Database } from "../../db/kysely.ts";
import type { JobQueue } from "../../queue/queue.ts";
import type { ActivityRow } from "./pages/activity.tsx";
import { findLedgerEntry, listLedger, type Outcome } from "./repo.ts";

/** A ledger entry can be retried when it names a job of the catalogue to enqueue again. */
const retryJobSchema = z.object({ name: z.string(), payload: z.unknown() });

export interface ActivityFilter {
  objectType?: string;
  outcome?: Outcome;
  since?: Date;
  /** How many entries at most (the page: 100; the CSV: up to 500). */
  limit?: number;
}

/** The portal's ledger entries, newest first, as the Activity page shows them. */
export async function activityRows(
  db: Database,
  portalId: string,
  filter: ActivityFilter,
): Promise<ActivityRow[]> {
  const rows = await listLedger(db, portalId, filter);
  return rows.map((r) => ({
    ...r,
    id: String(r.id),
    retryable: retryJobSchema.safeParse(r.retryJob).success,
  }));
}

export type RetryOutcome = "retried" | "not_found" | "not_retryable";

/**
 * Enqueues a failed entry's job again (the user's Retry). Only failed entries that name a job are
 * retried, and only in a process that has the queue.
 */
export async function retryEntry(
  deps: { db: Database; queue?: JobQueue },
  portalId: string,
  id: string,
  requestId: string,
): Promise<RetryOutcome> {
  const entry = await findLedgerEntry(deps.db, portalId, id);
  if (!entry) return "not_found";
  const job = retryJobSchema.safeParse(entry.retryJob);
  const queue = deps.queue;
  if (entry.outcome !== "failed" || !job.success || !queue) return "not_retryable";
  await inTransaction(deps.db, (trx) =>
    queue.enqueueByName(trx, job.data.name, job.data.payload, { requestId }),
  );
  return "retried";
}
