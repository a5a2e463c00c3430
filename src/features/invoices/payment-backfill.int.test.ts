import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/support/db.ts";
import { startStack, type Stack } from "../../../test/support/stack.ts";
import { ManualClock } from "../../lib/clock.ts";
import { silentLogger } from "../../lib/logger.ts";
import { backfillPaymentsHandler } from "./payment-backfill.ts";

/* eslint-disable @typescript-eslint/no-explicit-any -- QBO JSON, read as QBO sends it */

/** W4: payments a company recorded before it was connected are read once, and only once. */
describeEachBackend("payments backfill (W4)", (db) => {
  const clock = new ManualClock("2026-11-02T17:00:00Z");
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack(db(), clock);
  });
  afterAll(() => stack.close());

  const run = () =>
    backfillPaymentsHandler(
      { db: db().db, clock, clients: stack.clients },
      {
        payload: { connectionId: stack.companies.us.connectionId },
        jobId: "j",
        log: silentLogger,
        retryCount: 0,
      },
    );
  const stored = () =>
    db()
      .db.selectFrom("paymentApplications")
      .select(["qboPaymentId", "qboInvoiceId", "amount", "txnDate"])
      .where("connectionId", "=", stack.companies.us.connectionId)
      .execute();

  it("records every payment the demo company already had, as QBO reports them", async () => {
    const q = encodeURIComponent("SELECT * FROM Payment MAXRESULTS 1000");
    const payments: any[] = (await stack.qboApi(stack.companies.us.realmId, "GET", `/query?query=${q}`)).body
      .QueryResponse.Payment;
    const expected = payments.flatMap((p) =>
      p.Line.map((l: any) => ({
        qboPaymentId: p.Id,
        qboInvoiceId: l.LinkedTxn[0].TxnId,
        amount: Number(l.Amount).toFixed(2),
        txnDate: p.TxnDate,
      })),
    );
    expect(expected.length).toBeGreaterThan(0);
    await run();
    const sort = (rows: Array<{ qboPaymentId: string; qboInvoiceId: string }>) =>
      [...rows].sort((a, b) =>
        (a.qboPaymentId + a.qboInvoiceId).localeCompare(b.qboPaymentId + b.qboInvoiceId),
      );
    expect(sort(await stored())).toEqual(sort(expected));
  });

  it("runs once: a second run reads nothing and changes nothing", async () => {
    await db().db.deleteFrom("paymentApplications").execute();
    await run();
    expect(await stored()).toEqual([]);
  });
});
