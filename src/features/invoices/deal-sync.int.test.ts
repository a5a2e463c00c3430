import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/support/db.ts";
import { newQboInvoice } from "../../../test/support/qbo-invoice.ts";
import { startStack, type Stack } from "../../../test/support/stack.ts";
import { ManualClock } from "../../lib/clock.ts";
import { silentLogger } from "../../lib/logger.ts";
import type { Enqueuer } from "../../queue/catalogue.ts";
import { updateDealPropertiesHandler } from "./deal-sync.ts";
import { trackInvoices } from "./track.ts";

/**
 * S2: a deal's invoice properties are written only when they differ from what was last written, so
 * the recheck behind every inline write (ADR 0040) and every reconcile cost no HubSpot call when
 * nothing changed, also when two of them reach the same deal at once.
 */
describeEachBackend("writing a deal's invoice properties", (db) => {
  const clock = new ManualClock("2026-11-02T17:00:00Z");
  let stack: Stack;
  let dealId: string;
  beforeAll(async () => {
    stack = await startStack(db(), clock);
    dealId = (await stack.hs("POST", "/crm/v3/objects/deals", { properties: { dealname: "Boiler" } })).body
      .id;
    const us = stack.companies.us;
    const invoice = await newQboInvoice(stack, us.realmId);
    const connection = await db()
      .db.selectFrom("qboConnections")
      .select(["portalId", "connectionId", "realmId", "homeCurrency", "timeZone"])
      .where("connectionId", "=", us.connectionId)
      .executeTakeFirstOrThrow();
    const ignored: Enqueuer = { enqueue: async () => "job" };
    await db()
      .db.transaction()
      .execute((trx) =>
        trackInvoices(trx, ignored, {
          connection,
          invoices: [invoice],
          origin: "added",
          links: [{ objectType: "deals", objectId: dealId }],
          now: clock.now(),
        }),
      );
  });
  afterAll(() => stack.close());

  const write = () =>
    updateDealPropertiesHandler(
      { db: db().db, clock, clients: stack.clients },
      { payload: { portalId: stack.portalId, dealId }, jobId: "test", log: silentLogger, retryCount: 0 },
    );
  const dealWrites = () =>
    stack.hubspot.requests.list().filter((r) => r.method === "PATCH" && r.path.endsWith(`/deals/${dealId}`));

  it("writes once, and not again while nothing changed, even when two writers meet", async () => {
    stack.hubspot.requests.clear();
    await Promise.all([write(), write()]);
    await write();
    expect(dealWrites()).toHaveLength(1);
    const deal = await stack.hs("GET", `/crm/v3/objects/deals/${dealId}?properties=qbo_invoice_status`);
    expect(deal.body.properties.qbo_invoice_status).toBeTruthy();
  });
});
