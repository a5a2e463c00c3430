import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/support/db.ts";
import { startStack, type Stack } from "../../../test/support/stack.ts";
import { ManualClock } from "../../lib/clock.ts";
import { setupHubSpotPortal } from "../connections/index.ts";
import { syncSettingsSchema } from "../settings/schema.ts";
import { ensureSyncSetup } from "../settings/setup.ts";
import { saveSettings } from "../settings/store.ts";
import { startInitialSync } from "./initial/service.ts";
import { findInitialSync } from "./repo/initial-syncs.ts";

/**
 * ADR 0033 (issue 16, "order, not races"): an initial sync started seconds after a portal was
 * connected, before its set-up job made Ledgerlink's properties (the unique qbo_customer_key),
 * waits for the set-up instead of failing for good, and runs when the set-up completes.
 */
describeEachBackend("an initial sync waits for the portal's set-up", (db) => {
  const clock = new ManualClock("2026-06-03T09:00:00Z");
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(db(), clock);
  });
  afterAll(() => stack.close());

  it("parks while the set-up has not run, then runs to done once it has", async () => {
    const conn = stack.companies.us.connectionId;
    await ensureSyncSetup(db().db, conn, clock.now());
    const settings = syncSettingsSchema.parse({});
    settings.contacts.enabled = true;
    await saveSettings(db().db, conn, settings, clock.now());
    // A portal connected a moment ago: its set-up job has not finished yet.
    await db()
      .db.updateTable("portals")
      .set({ setupCompletedAt: null })
      .where("portalId", "=", stack.portalId)
      .execute();
    const contacts = async () =>
      (await stack.hs("POST", "/crm/v3/objects/contacts/search", { limit: 1 })).body.total as number;
    const before = await contacts();

    const started = await startInitialSync(db().db, stack.queue, conn, "contacts", clock.now());
    if (!started.ok) throw new Error(started.error);
    while ((await stack.drain()) > 0);
    expect((await findInitialSync(db().db, started.value))?.status).toBe("running");
    expect(await contacts()).toBe(before);
    const waiting = await db().db.selectFrom("parkedJobs").selectAll().execute();
    expect(waiting.map((j) => [j.waitsFor, j.jobName])).toEqual([
      [`setup:${stack.portalId}`, "initial-sync"],
    ]);
    const states = (await stack.queue.countsByState()).filter(
      (r) => r.name === "initial-sync" && r.count > 0,
    );
    expect(states.map((r) => r.state)).toEqual(["completed"]);

    // The set-up job (queued with the portal at sign-in) runs: the sync goes on by itself.
    await db()
      .db.transaction()
      .execute((trx) =>
        stack.queue.enqueue(trx, setupHubSpotPortal, { portalId: stack.portalId, locale: "en" }),
      );
    while ((await stack.drain()) > 0);
    const row = await findInitialSync(db().db, started.value);
    expect(row?.error ?? null, JSON.stringify(row?.error)).toBeNull();
    expect(row?.status).toBe("done");
    expect(row?.error ?? null).toBeNull();
    expect(await db().db.selectFrom("parkedJobs").selectAll().execute()).toEqual([]);
    expect((await stack.hs("GET", "/crm/v3/properties/contacts/qbo_customer_key")).body.hasUniqueValue).toBe(
      true,
    );
  });
});
