/**
 * The pull reads again the last minute before its checkpoint (reconcile-plan.ts `nextCheckpoint`),
 * so a change committed while QBO answered is never missed. Without a memory, every pull would
 * apply that minute's changes again: harmless, but each costs rule work and a ledger line, and on a
 * busy company the next webhook's change waits behind them. The pull remembers what it applied in
 * that minute by the fingerprint of each save (`saveFingerprint`, connectors/qbo/wire), and skips those.
 */

/** The remembered fingerprints, from what `rememberApplied` stored (nothing stored: none). */
export function readApplied(stored: string | undefined): Set<string> {
  if (!stored) return new Set();
  try {
    const list: unknown = JSON.parse(stored);
    return new Set(Array.isArray(list) ? list.filter((x): x is string => typeof x === "string") : []);
  } catch {
    return new Set(); // unreadable memory: apply everything again, which is always safe
  }
}

/**
 * What to remember for the next pull: the fingerprints of objects applied (or skipped as already
 * applied) whose last update is at or after `checkpoint`, the only ones it will read again. After a
 * pull that failed part-way (its checkpoint stays put), `kept` is what was remembered before: the
 * retry reads from the same checkpoint and must skip both.
 */
export function rememberApplied(
  applied: Array<{ fingerprint: string; updatedAt?: Date }>,
  checkpoint: Date,
  kept: Iterable<string> = [],
): string {
  const fresh = applied
    .filter((a) => a.updatedAt !== undefined && a.updatedAt.getTime() >= checkpoint.getTime())
    .map((a) => a.fingerprint);
  return JSON.stringify([...new Set([...kept, ...fresh])]);
}
