import { afterAll, beforeAll, expect } from "vitest";
import type { DatabaseHandle } from "../../src/db/kysely.ts";
import type { ManualClock } from "../../src/lib/clock.ts";
import { pullQboChanges } from "../../src/features/changes/jobs.ts";
import { CONTACT_KIND, type RecordKind } from "../../src/features/record-sync/kinds.ts";
import { applyToEachCompany } from "../../src/features/record-sync/rules.ts";
import { syncSettingsSchema, type SyncSettings } from "../../src/features/settings/schema.ts";
import { ensureSyncSetup } from "../../src/features/settings/setup.ts";
import { saveSettings } from "../../src/features/settings/store.ts";
import { startStack, type Stack } from "./stack.ts";

/**
 * The stack as the contact, company and product sync suites use it: the US company's sync set up, the demo
 * data's first pull done (so only what a test changes is new), and helpers to change settings, pull QBO's
 * changes the real way (CDC), hand a HubSpot record to the event rule, and look records up.
 */
export function useSyncStack(db: () => DatabaseHandle, clock: ManualClock) {
  let stack: Stack | undefined;
  const h = {
    get stack() {
      return stack!;
    },
    get us() {
      return stack!.companies.us.realmId;
    },
    get conn() {
      return stack!.companies.us.connectionId;
    },
    /** Runs the QBO change pull (what webhooks and the reconcile timer enqueue) and every job after it. */
    async pull() {
      await stack!.queue.enqueue(db().db, pullQboChanges, { connectionId: h.conn, reason: "timer" });
      while ((await stack!.drain()) > 0);
    },
    /** Saves settings built from the defaults (everything off) by `change`. */
    async settings(change: (s: SyncSettings) => void) {
      const s = syncSettingsSchema.parse({});
      change(s);
      await saveSettings(db().db, h.conn, s, clock.now());
    },
    fromHubSpot(kind: RecordKind = CONTACT_KIND, id: string, archived = false) {
      return applyToEachCompany(
        { db: db().db, clock, clients: stack!.clients },
        stack!.portalId,
        kind,
        id,
        archived,
      );
    },
    async createCustomer(body: Record<string, unknown>) {
      const res = await stack!.qboApi(h.us, "POST", "/customer", body);
      expect(res.status).toBe(200);
      return res.body.Customer as { Id: string; SyncToken: string };
    },
    async contactByKey(key: string) {
      const res = await stack!.hs("POST", "/crm/v3/objects/contacts/search", {
        filterGroups: [{ filters: [{ propertyName: "qbo_customer_key", operator: "EQ", value: key }] }],
        properties: ["email", "firstname", "lastname", "phone", "qbo_customer_id"],
      });
      return res.body.results as Array<{ id: string; properties: Record<string, string | null> }>;
    },
    ledger(objectId: string) {
      return db()
        .db.selectFrom("syncLedger")
        .select(["decision", "outcome"])
        .where("objectId", "=", objectId)
        .orderBy("at", "desc")
        .execute();
    },
  };
  beforeAll(async () => {
    stack = await startStack(db(), clock);
    await ensureSyncSetup(db().db, h.conn, clock.now());
    clock.advance(10 * 60_000);
    await h.pull(); // the demo data predates the sync: the first pull only moves the checkpoint (C4)
  });
  afterAll(() => stack?.close());
  return h;
}
