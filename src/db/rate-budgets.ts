import { sql } from "kysely";
import type { Database } from "./kysely.ts";

/**
 * The Kysely side of connectors/rate-budget.ts (which may not import db/): token buckets in
 * `rate_budgets`, shared by every worker process. The shapes below match the connector's
 * `BucketSpec` and `Grant` structurally.
 */
export interface BucketRow {
  key: string;
  capacity: number;
  refillPerSecond: number;
}

export type TakeOutcome = { granted: true } | { granted: false; waitMs: number };

/** Thrown inside the transaction only to roll it back; never escapes `takeTokens`. */
class Denied extends Error {
  constructor(readonly waitMs: number) {
    super(`rate budget short for ${waitMs} ms`);
  }
}

/**
 * Takes one token from every bucket, all or none. One upsert per bucket (in key order, so two
 * callers never lock rows in opposite orders) refills the row from the time elapsed on *our*
 * clock and subtracts one; the row lock it takes serialises concurrent callers. If any bucket
 * went below zero the transaction rolls back and the answer says how long the deficit needs.
 */
export async function takeTokens(
  db: Database,
  buckets: readonly BucketRow[],
  now: Date,
): Promise<TakeOutcome> {
  const ordered = [...buckets].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  try {
    await db.transaction().execute(async (trx) => {
      let waitMs = 0;
      for (const bucket of ordered) {
        const tokens = await upsertTake(trx, bucket, now);
        if (tokens < 0) waitMs = Math.max(waitMs, Math.ceil((-tokens / bucket.refillPerSecond) * 1000));
      }
      if (waitMs > 0) throw new Denied(waitMs);
    });
    return { granted: true };
  } catch (error) {
    if (error instanceof Denied) return { granted: false, waitMs: error.waitMs };
    throw error;
  }
}

async function upsertTake(db: Database, b: BucketRow, now: Date): Promise<number> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const capacity = sql`${b.capacity}::double precision`;
  const rate = sql`${b.refillPerSecond}::double precision`;
  // A worker whose clock lags must not refill anything: elapsed is clamped at 0 and the row's
  // time never moves backwards.
  const elapsed = sql`greatest(0, extract(epoch from (${at} - rate_budgets.updated_at))::double precision)`;
  const result = await sql<{ tokens: number }>`
    insert into rate_budgets (key, tokens, updated_at)
    values (${b.key}, ${capacity} - 1, ${at})
    on conflict (key) do update set
      tokens = least(${capacity}, rate_budgets.tokens + ${elapsed} * ${rate}) - 1,
      updated_at = greatest(rate_budgets.updated_at, ${at})
    returning tokens`.execute(db);
  return Number(result.rows[0]!.tokens);
}

/**
 * After a vendor 429, empties every bucket for `pauseMs` (tokens go negative, so refill must first
 * pay the debt): every worker then waits, instead of each discovering the limit with its own 429.
 */
export async function pauseBuckets(
  db: Database,
  buckets: readonly BucketRow[],
  pauseMs: number,
  now: Date,
): Promise<void> {
  const ordered = [...buckets].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  await db.transaction().execute(async (trx) => {
    for (const b of ordered) {
      const at = sql`${now.toISOString()}::timestamptz`;
      const rate = sql`${b.refillPerSecond}::double precision`;
      const debt = sql`${(-pauseMs / 1000) * b.refillPerSecond}::double precision`;
      const elapsed = sql`greatest(0, extract(epoch from (${at} - rate_budgets.updated_at))::double precision)`;
      await sql`
        insert into rate_budgets (key, tokens, updated_at) values (${b.key}, ${debt}, ${at})
        on conflict (key) do update set
          tokens = least(${b.capacity}::double precision, rate_budgets.tokens + ${elapsed} * ${rate}, ${debt}),
          updated_at = greatest(rate_budgets.updated_at, ${at})`.execute(trx);
    }
  });
}

/** Tokens each bucket would hold at `now`, without taking any: for planning work and ETAs. */
export async function peekTokens(
  db: Database,
  buckets: readonly BucketRow[],
  now: Date,
): Promise<Map<string, number>> {
  const keys = buckets.map((b) => b.key);
  const rows =
    keys.length === 0
      ? []
      : await db.selectFrom("rateBudgets").selectAll().where("key", "in", keys).execute();
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return new Map(
    buckets.map((b) => {
      const row = byKey.get(b.key);
      if (!row) return [b.key, b.capacity];
      const elapsedS = Math.max(0, now.getTime() - new Date(row.updatedAt).getTime()) / 1000;
      return [b.key, Math.min(b.capacity, row.tokens + elapsedS * b.refillPerSecond)];
    }),
  );
}

/** The store interface connectors/rate-budget.ts expects, bound to one database. */
export function rateBudgetStore(db: Database) {
  return {
    take: (buckets: readonly BucketRow[], now: Date) => takeTokens(db, buckets, now),
    peek: (buckets: readonly BucketRow[], now: Date) => peekTokens(db, buckets, now),
    pause: (buckets: readonly BucketRow[], pauseMs: number, now: Date) =>
      pauseBuckets(db, buckets, pauseMs, now),
  };
}
