/**
 * How to catch up with a QBO company from a checkpoint (docs/vendors/quickbooks.md §6): CDC looks back at most
 * 30 days and returns at most 1,000 objects per entity, silently dropping the rest. So:
 *  - checkpoint within 30 days (with an hour of margin): one CDC call;
 *  - older (a connection that was down for weeks): paged queries on MetaData.LastUpdatedTime;
 *  - an entity whose CDC answer hit 1,000: paged queries for that entity, never a truncated view.
 */
export const CDC_LOOKBACK_MS = 30 * 86_400_000;
export const CDC_MAX_OBJECTS = 1000;
const MARGIN_MS = 3600_000;

export type ReconcileStep = { kind: "cdc"; since: Date } | { kind: "query"; since: Date };

export function planReconcile(checkpoint: Date, now: Date): ReconcileStep {
  const age = now.getTime() - checkpoint.getTime();
  return age < CDC_LOOKBACK_MS - MARGIN_MS
    ? { kind: "cdc", since: checkpoint }
    : { kind: "query", since: checkpoint };
}

/** Entities whose CDC answer may have been cut short and must be re-read by paged query. */
export function truncatedEntities(counts: Record<string, number>): string[] {
  return Object.entries(counts)
    .filter(([, n]) => n >= CDC_MAX_OBJECTS)
    .map(([entity]) => entity);
}

/**
 * The next checkpoint: the server's own time for the answer (never our clock, which may be ahead
 * of Intuit's), less a minute so that a change committed while we were reading is seen again
 * rather than missed. Applying a change twice is harmless; missing one is not.
 */
export function nextCheckpoint(serverTime: Date): Date {
  return new Date(serverTime.getTime() - 60_000);
}
