import { sql } from "kysely";
import type { Database } from "./kysely.ts";

/**
 * The Kysely side of connectors/rate-budget.ts (which may not import db/): sliding windows in
 * `rate_windows` (ADR 0041), shared by every worker process. The shapes below match the
 * connector's `BucketSpec` and `Grant` structurally.
 */
export interface WindowRow {
  key: string;
  limit: number;
  windowMs: number;
}

export type TakeOutcome = { granted: true } | { granted: false; waitMs: number };

interface Held {
  grants: number[];
  pausedUntil: number;
}

/** A row as numbers: drivers may answer `double precision` (and its arrays) as strings. */
const heldOf = (r: { grants: unknown[]; pausedUntil: unknown }): Held => ({
  grants: r.grants.map(Number),
  pausedUntil: Number(r.pausedUntil),
});

const byKey = (a: WindowRow, b: WindowRow) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * The grants still inside the window at `now`, oldest first. A grant stamped ahead of `now` (a
 * worker whose clock is ahead of this one's) stays in: a lagging clock only ever waits longer.
 */
const live = (held: Held, w: WindowRow, now: number) =>
  held.grants.filter((t) => t > now - w.windowMs).sort((a, b) => a - b);

/** How long until `w` grants one more call at `now`: the pause, or the oldest grant that must leave. */
function waitFor(held: Held, w: WindowRow, now: number): number {
  const inWindow = live(held, w, now);
  const full = inWindow.length >= w.limit ? inWindow[inWindow.length - w.limit]! + w.windowMs - now : 0;
  return Math.max(0, held.pausedUntil - now, full);
}

/** Locks the windows' rows in key order (two callers never lock in opposite orders), creating missing ones. */
async function lockWindows(trx: Database, keys: string[]): Promise<Map<string, Held>> {
  await trx
    .insertInto("rateWindows")
    .values(keys.map((key) => ({ key })))
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  const rows = await trx
    .selectFrom("rateWindows")
    .select(["key", "grants", "pausedUntil"])
    .where("key", "in", keys)
    .orderBy("key")
    .forUpdate()
    .execute();
  return new Map(rows.map((r) => [r.key, heldOf(r)]));
}

/**
 * Takes one grant from every window, all or none: granted when each window has had fewer than its
 * limit in the last `windowMs` and is not paused; otherwise nothing is taken and the answer says
 * how long the slowest window needs. The row locks serialise concurrent callers.
 */
export async function takeTokens(
  db: Database,
  windows: readonly WindowRow[],
  now: Date,
): Promise<TakeOutcome> {
  const ordered = [...windows].sort(byKey);
  const at = now.getTime();
  return db.transaction().execute(async (trx) => {
    const held = await lockWindows(
      trx,
      ordered.map((w) => w.key),
    );
    const waitMs = Math.max(0, ...ordered.map((w) => waitFor(held.get(w.key)!, w, at)));
    if (waitMs > 0) return { granted: false, waitMs: Math.ceil(waitMs) };
    for (const w of ordered) {
      // Only the newest `limit` grants can ever decide a wait: the row stays that small.
      const grants = [...live(held.get(w.key)!, w, at), at].slice(-w.limit);
      await trx
        .updateTable("rateWindows")
        .set({ grants: sql`${`{${grants.join(",")}}`}::double precision[]` })
        .where("key", "=", w.key)
        .execute();
    }
    return { granted: true };
  });
}

/**
 * After a vendor 429, closes every window for `pauseMs` (a later pause never shortens an earlier
 * one): every worker then waits, instead of each discovering the limit with its own 429.
 */
export async function pauseBuckets(
  db: Database,
  windows: readonly WindowRow[],
  pauseMs: number,
  now: Date,
): Promise<void> {
  const until = now.getTime() + pauseMs;
  const keys = [...windows].sort(byKey).map((w) => w.key);
  await db.transaction().execute(async (trx) => {
    await lockWindows(trx, keys);
    await trx
      .updateTable("rateWindows")
      .set({ pausedUntil: sql`greatest(paused_until, ${until}::double precision)` })
      .where("key", "in", keys)
      .execute();
  });
}

/**
 * Calls each window could grant at once at `now`, taking none: for planning work and ETAs. While
 * paused, negative: the calls the pause costs at the window's sustained rate.
 */
export async function peekTokens(
  db: Database,
  windows: readonly WindowRow[],
  now: Date,
): Promise<Map<string, number>> {
  const keys = windows.map((w) => w.key);
  const rows =
    keys.length === 0
      ? []
      : await db.selectFrom("rateWindows").selectAll().where("key", "in", keys).execute();
  const held = new Map(rows.map((r) => [r.key, heldOf(r)]));
  const at = now.getTime();
  return new Map(
    windows.map((w) => {
      const h = held.get(w.key);
      if (!h) return [w.key, w.limit];
      const paused = Math.max(0, h.pausedUntil - at);
      if (paused > 0) return [w.key, -Math.ceil((paused / w.windowMs) * w.limit)];
      return [w.key, w.limit - live(h, w, at).length];
    }),
  );
}

/** The store interface connectors/rate-budget.ts expects, bound to one database. */
export function rateBudgetStore(db: Database) {
  return {
    take: (windows: readonly WindowRow[], now: Date) => takeTokens(db, windows, now),
    peek: (windows: readonly WindowRow[], now: Date) => peekTokens(db, windows, now),
    pause: (windows: readonly WindowRow[], pauseMs: number, now: Date) =>
      pauseBuckets(db, windows, pauseMs, now),
  };
}
