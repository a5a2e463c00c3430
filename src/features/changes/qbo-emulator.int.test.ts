import { expect, it } from "vitest";
import { describeEachBackend } from "../../../test/support/db.ts";
import { connectEmulatedQbo } from "../../../test/support/qbo-emulated.ts";
import type { VendorCall } from "../../connectors/http-client.ts";
import { queryPage } from "../../connectors/qbo/client.ts";
import { listLedger } from "../activity/repo.ts";
import { ManualClock } from "../../lib/clock.ts";
import { silentLogger } from "../../lib/logger.ts";
import { pullQboChangesHandler } from "./pull-qbo-changes.ts";

/**
 * Ledgerlink's own QBO client, rate budget and reconcile job against the QBO emulator with
 * Intuit's real limits on (A3; docs/ARCHITECTURE.md "How data flows"). The budget's sleeps move the shared clock, so the
 * emulator sees time pass exactly as the budget waits.
 */
describeEachBackend("Ledgerlink against the QBO emulator (A3, S5)", (db) => {
  it("plans reads against the budget: 0 × 429 with the emulator's limits on", async () => {
    const clock = new ManualClock("2026-08-01T17:00:00Z");
    const qbo = await connectEmulatedQbo(db().db, clock, { name: `budget-${Date.now()}` });
    const calls: VendorCall[] = [];
    const http = qbo.clients.qbo({ connectionId: qbo.connectionId, realmId: qbo.realmId }, (c) =>
      calls.push(c),
    );
    const started = clock.now().getTime();
    const reads = 120;
    for (let i = 0; i < reads; i++) {
      const page = await queryPage(http, { entity: "Term", maxResults: 10 });
      expect(page.ok).toBe(true);
    }
    const statuses = calls.map((c) => c.status);
    expect(statuses.filter((s) => s === 429)).toEqual([]);
    expect(statuses).toHaveLength(reads);
    // 120 reads at 10/s need at least 11 s of (simulated) time: the budget waited instead of failing.
    expect(clock.now().getTime() - started).toBeGreaterThanOrEqual(11_000);
    qbo.emulator.close();
  });

  it("a lost webhook costs latency, never data: the next reconcile finds the change", async () => {
    const clock = new ManualClock("2026-08-01T17:00:00Z");
    const qbo = await connectEmulatedQbo(db().db, clock, { name: `lost-${Date.now()}`, rateLimits: false });
    const run = () =>
      pullQboChangesHandler(
        { db: db().db, clock, clients: qbo.clients, rules: [] },
        {
          payload: { connectionId: qbo.connectionId, reason: "timer" },
          jobId: "j",
          log: silentLogger,
          retryCount: 0,
        },
      );
    await run();
    // Webhook delivery is off: the change below reaches Ledgerlink by reconciliation only.
    await qbo.control("/webhooks/delivery", { enabled: false });
    clock.advance(60_000);
    const token = await qbo.control("/tokens", { realmId: qbo.realmId });
    const res = await qbo.emulator.fetch(
      new Request(`http://qbo.test/v3/company/${qbo.realmId}/customer`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${String(token.access_token)}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({ DisplayName: "Arrived without a webhook" }),
      }),
    );
    const customerId = ((await res.json()) as { Customer: { Id: string } }).Customer.Id;
    expect(
      ((await qbo.control("/webhooks")) as { deliveries: Array<{ state: string }> }).deliveries.every(
        (d) => d.state !== "delivered",
      ),
    ).toBe(true);
    clock.advance(5 * 60_000);
    await run();
    const ledger = await listLedger(db().db, qbo.portalId);
    expect(ledger.some((e) => e.objectType === "customer" && e.objectId === customerId)).toBe(true);
    qbo.emulator.close();
  });
});
