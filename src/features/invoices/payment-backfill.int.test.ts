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

  const run = (pageSize?: number) =>
    backfillPaymentsHandler(
      { db: db().db, clock, clients: stack.clients, pageSize },
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

  it("resumes a read cut short by a fault from the last page it saved (issue 16, item 1)", async () => {
    const conn = stack.companies.us.connectionId;
    const realm = stack.companies.us.realmId;
    await db().db.deleteFrom("paymentApplications").execute();
    await db()
      .db.deleteFrom("syncCheckpoints")
      .where("key", "like", `qbo:${conn}:payments-backfill%`)
      .execute();
    const control = async (path: string, method: string, body?: unknown) =>
      stack.qbo.fetch(
        new Request(`${stack.urls.qbo}/__emulator/${path}`, {
          method,
          headers: { "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      );
    const queries = async () =>
      (
        (await (await control("requests", "GET")).json()) as {
          requests: Array<{ path: string; query: string }>;
        }
      ).requests.filter((r) => r.path.endsWith(`/company/${realm}/query`) && r.query.includes("Payment"));

    // Pages of one: the first answers, every later page fails past the client's own retries.
    await control("faults", "POST", { method: "GET", path: `/company/${realm}/query`, status: 503, skip: 1 });
    await expect(run(1)).rejects.toThrow(/QBO payments/);
    await control("faults", "DELETE");
    const afterFault = (await stored()).length;
    expect(afterFault).toBeGreaterThan(0);

    await control("requests", "DELETE");
    await run(1);
    const resumed = await queries();
    // The resumed read starts at the saved page's last change, not at the first payment.
    expect(decodeURIComponent(resumed[0]!.query.replace(/\+/g, " "))).toMatch(/LastUpdatedTime >= '/);
    const q = encodeURIComponent("SELECT * FROM Payment MAXRESULTS 1000");
    const payments: any[] = (await stack.qboApi(realm, "GET", `/query?query=${q}`)).body.QueryResponse
      .Payment;
    expect(payments.length).toBeGreaterThanOrEqual(2);
    expect(afterFault).toBeLessThan(payments.reduce((n, p) => n + p.Line.length, 0));
    const lines = payments.reduce((n, p) => n + p.Line.length, 0);
    expect((await stored()).length).toBe(lines);
  });
});
