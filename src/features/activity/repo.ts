import type { Database } from "../../db/kysely.ts";

export type Outcome = "ok" | "failed" | "skipped";

/** One vendor call as the ledger keeps it (no bodies: they may hold personal data). */
export interface VendorCall {
  vendor: "hubspot" | "qbo";
  method: string;
  path: string;
  status?: number;
  ms: number;
  errorKind?: string;
}

export interface LedgerEntry {
  portalId: string;
  connectionId?: string | null;
  objectType: string;
  objectId?: string | null;
  /** What started it: "webhook", "cdc", "user", "timer", "workflow" ... */
  trigger: string;
  /** What the engine decided, in words a user can read. */
  decision: string;
  outcome: Outcome;
  vendorCalls?: VendorCall[];
  errorCategory?: string | null;
  errorMessage?: string | null;
  /** The job to enqueue again when the user presses Retry. */
  retryJob?: { name: string; payload: unknown } | null;
  jobId?: string | null;
  requestId?: string | null;
  at: Date;
}

export async function recordLedger(db: Database, entry: LedgerEntry): Promise<string> {
  const row = await db
    .insertInto("syncLedger")
    .values({
      ...entry,
      vendorCalls: JSON.stringify(entry.vendorCalls ?? []),
      retryJob: entry.retryJob ? JSON.stringify(entry.retryJob) : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return String(row.id);
}

export interface LedgerFilter {
  objectType?: string;
  outcome?: Outcome;
  since?: Date;
  limit?: number;
}

/** Newest first, always scoped to one portal. */
export async function listLedger(db: Database, portalId: string, filter: LedgerFilter = {}) {
  let q = db.selectFrom("syncLedger").selectAll().where("portalId", "=", portalId);
  if (filter.objectType) q = q.where("objectType", "=", filter.objectType);
  if (filter.outcome) q = q.where("outcome", "=", filter.outcome);
  if (filter.since) q = q.where("at", ">=", filter.since);
  return q
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(Math.min(filter.limit ?? 100, 500))
    .execute();
}

export async function findLedgerEntry(db: Database, portalId: string, id: string) {
  if (!/^\d{1,18}$/.test(id)) return undefined;
  return db
    .selectFrom("syncLedger")
    .selectAll()
    .where("portalId", "=", portalId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function countFailures(db: Database, since: Date): Promise<number> {
  const row = await db
    .selectFrom("syncLedger")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("outcome", "=", "failed")
    .where("at", ">=", since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Many entries in few statements: the initial sync records every record of a page at once. */
export async function recordLedgerMany(db: Database, entries: LedgerEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 500) {
    const chunk = entries.slice(i, i + 500);
    if (chunk.length === 0) continue;
    await db
      .insertInto("syncLedger")
      .values(
        chunk.map((entry) => ({
          ...entry,
          vendorCalls: JSON.stringify(entry.vendorCalls ?? []),
          retryJob: entry.retryJob ? JSON.stringify(entry.retryJob) : null,
        })),
      )
      .execute();
  }
}
