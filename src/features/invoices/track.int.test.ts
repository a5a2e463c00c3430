import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/support/db.ts";
import { newQboInvoice } from "../../../test/support/qbo-invoice.ts";
import { startStack, type Stack } from "../../../test/support/stack.ts";
import { ManualClock } from "../../lib/clock.ts";
import type { Enqueuer } from "../../queue/catalogue.ts";
import { DEAL_SAFETY_NET_SECONDS, trackInvoices } from "./track.ts";

/**
 * The pull job writes a deal's properties itself after its commit (ADR 0040); what keeps that crash
 * safe is the delayed recheck queued in the same transaction as the invoice's facts.
 */
describeEachBackend("tracking an invoice queues its deals' work", (db) => {
  const clock = new ManualClock("2026-11-02T17:00:00Z");
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(db(), clock);
  });
  afterAll(() => stack.close());

  const newInvoice = () => newQboInvoice(stack, stack.companies.us.realmId);
  function recording() {
    const calls: Array<{ name: string; payload: unknown; startAfterSeconds?: number }> = [];
    const queue: Enqueuer = {
      enqueue: async (_trx, job, payload, opts) => {
        calls.push({ name: job.name, payload, startAfterSeconds: opts?.startAfterSeconds });
        return "job";
      },
    };
    return { calls, queue };
  }
  const track = async (queue: Enqueuer, invoice: unknown, dealId: string, inline?: string[]) => {
    const connection = await db()
      .db.selectFrom("qboConnections")
      .select(["portalId", "connectionId", "realmId", "homeCurrency", "timeZone"])
      .where("connectionId", "=", stack.companies.us.connectionId)
      .executeTakeFirstOrThrow();
    await db()
      .db.transaction()
      .execute((trx) =>
        trackInvoices(trx, queue, {
          connection,
          invoices: [invoice as never],
          origin: "added",
          links: [{ objectType: "deals", objectId: dealId }],
          now: clock.now(),
          writesDealsAfterCommit: inline,
        }),
      );
  };

  it("queues the deal at once by default, and only a delayed recheck when the caller writes it itself", async () => {
    const plain = recording();
    await track(plain.queue, await newInvoice(), "9001");
    expect(plain.calls.filter((c) => c.name.includes("deal"))).toEqual([
      {
        name: "update-deal-properties",
        payload: { portalId: stack.portalId, dealId: "9001" },
        startAfterSeconds: undefined,
      },
    ]);

    const inline = recording();
    const deals: string[] = [];
    await track(inline.queue, await newInvoice(), "9002", deals);
    expect(deals).toEqual(["9002"]);
    expect(inline.calls.filter((c) => c.name.includes("deal"))).toEqual([
      {
        name: "recheck-deal-properties",
        payload: { portalId: stack.portalId, dealId: "9002" },
        startAfterSeconds: DEAL_SAFETY_NET_SECONDS,
      },
    ]);
  });
});
