import { queryPage } from "../src/connectors/qbo/client.ts";
import type { VendorCall } from "../src/connectors/http-client.ts";
import { ManualClock } from "../src/lib/clock.ts";
import { openTestDatabase } from "../test/support/db.ts";
import { connectEmulatedQbo } from "../test/support/qbo-emulated.ts";

/**
 * The earliest Intuit would let `n` requests finish: each waits for the 10-per-second and the
 * 500-per-minute windows (docs/vendors/quickbooks.md §10). Our figure is compared with this.
 */
export function fastestAllowedMs(n: number): number {
  const at: number[] = [];
  for (let i = 0; i < n; i++) {
    at.push(Math.max(at[i - 1] ?? 0, (at[i - 10] ?? -Infinity) + 1000, (at[i - 500] ?? -Infinity) + 60_000));
  }
  return at[n - 1] ?? 0;
}

/** Issue 5: `n` QBO reads through Ledgerlink's budget against the emulator with real limits. */
export async function benchQboBudget(n = 1000) {
  const db = await openTestDatabase({ kind: "pglite" });
  const clock = new ManualClock("2026-08-01T17:00:00Z");
  const qbo = await connectEmulatedQbo(db.db, clock, { name: "bench" });
  const calls: VendorCall[] = [];
  const http = qbo.clients.qbo({ connectionId: qbo.connectionId, realmId: qbo.realmId }, (c) =>
    calls.push(c),
  );
  const start = clock.now().getTime();
  const wallStart = performance.now();
  for (let i = 0; i < n; i++) {
    const page = await queryPage(http, { entity: "Term", maxResults: 10 });
    if (!page.ok) throw new Error(`read ${i} failed: ${page.error.kind}`);
  }
  const simulatedMs = clock.now().getTime() - start;
  qbo.emulator.close();
  await db.close();
  return {
    reads: n,
    throttled: calls.filter((c) => c.status === 429).length,
    simulatedMs,
    wallMs: performance.now() - wallStart,
    ofAllowedRate: fastestAllowedMs(n) / Math.max(1, simulatedMs),
  };
}
