import { beforeAll, expect, it } from "vitest";
import { testSecrets } from "../../../test/support/app.ts";
import { describeEachBackend } from "../../../test/support/db.ts";
import { signedInPortal } from "../../../test/support/session.ts";
import type { QboEntity } from "../../connectors/qbo/client.ts";
import { upsertQboConnection } from "../connections/repo/qbo-connections.ts";
import { ManualClock } from "../../lib/clock.ts";
import { paymentChangeRule } from "./payment-rule.ts";

/** W4: payments applied to invoices are recorded with their date, and follow edits and deletions. */
describeEachBackend("payment rule (W4)", (db) => {
  const clock = new ManualClock("2026-11-02T17:00:00Z");
  let portalId = "";
  const connectionId = "conn-pay";

  beforeAll(async () => {
    portalId = (await signedInPortal(db().db, "pay1", clock.now())).portalId;
    await upsertQboConnection(
      db().db,
      {
        connectionId,
        portalId,
        realmId: "9130000000000077",
        companyName: "Pay Co",
        country: "US",
        homeCurrency: "USD",
        multiCurrency: false,
        customTxnNumbers: false,
        accessToken: testSecrets.seal("x"),
        refreshToken: testSecrets.seal("y"),
        accessExpiresAt: clock.now(),
        refreshExpiresAt: clock.now(),
      },
      clock.now(),
    );
  });

  const apply = (object: Record<string, unknown>, entity = "Payment") =>
    paymentChangeRule({ db: db().db, clock })({
      portalId,
      connectionId,
      realmId: "9130000000000077",
      entity,
      object: object as QboEntity,
      trigger: "test",
    });
  const payment = (id: string, updated: string, lines: Array<[string, number]>, extra = {}) => ({
    Id: id,
    TxnDate: "2026-10-05",
    TotalAmt: lines.reduce((s, [, a]) => s + a, 0),
    Line: lines.map(([inv, Amount]) => ({ Amount, LinkedTxn: [{ TxnId: inv, TxnType: "Invoice" }] })),
    MetaData: { LastUpdatedTime: updated },
    ...extra,
  });
  const stored = () =>
    db()
      .db.selectFrom("paymentApplications")
      .select(["qboPaymentId", "qboInvoiceId", "invoiceKey", "txnDate", "amount", "currency"])
      .where("connectionId", "=", connectionId)
      .orderBy("qboPaymentId")
      .orderBy("qboInvoiceId")
      .execute();

  it("records each invoice's share of a payment, in the home currency when QBO names none", async () => {
    const res = await apply(
      payment("71", "2026-10-05T10:00:00Z", [
        ["1", 100],
        ["2", 40.5],
        ["1", 0.25],
      ]),
    );
    expect(res).toMatchObject({ outcome: "ok" });
    expect(await stored()).toEqual([
      {
        qboPaymentId: "71",
        qboInvoiceId: "1",
        invoiceKey: `${connectionId}:1`,
        txnDate: "2026-10-05",
        amount: "100.25",
        currency: "USD",
      },
      {
        qboPaymentId: "71",
        qboInvoiceId: "2",
        invoiceKey: `${connectionId}:2`,
        txnDate: "2026-10-05",
        amount: "40.50",
        currency: "USD",
      },
    ]);
  });

  it("follows an edit that moves the money, and ignores an older copy arriving late", async () => {
    await apply(payment("71", "2026-10-06T10:00:00Z", [["2", 140.75]], { TxnDate: "2026-10-06" }));
    const late = await apply(payment("71", "2026-10-05T10:00:00Z", [["1", 100]]));
    expect(late).toMatchObject({ outcome: "skipped" });
    expect((await stored()).map((r) => [r.qboInvoiceId, r.amount, r.txnDate])).toEqual([
      ["2", "140.75", "2026-10-06"],
    ]);
  });

  it("leaves out lines that pay no invoice", async () => {
    await apply({
      ...payment("72", "2026-10-07T10:00:00Z", [["3", 10]]),
      Line: [
        { Amount: 10, LinkedTxn: [{ TxnId: "3", TxnType: "Invoice" }] },
        { Amount: 5, LinkedTxn: [{ TxnId: "9", TxnType: "CreditMemo" }] },
      ],
    });
    expect((await stored()).filter((r) => r.qboPaymentId === "72").map((r) => r.qboInvoiceId)).toEqual(["3"]);
  });

  it("forgets a payment deleted in QuickBooks", async () => {
    const res = await apply({
      Id: "72",
      status: "Deleted",
      MetaData: { LastUpdatedTime: "2026-10-08T00:00:00Z" },
    });
    expect(res?.decision).toContain("1 application removed");
    expect((await stored()).map((r) => r.qboPaymentId)).toEqual(["71"]);
  });

  it("refuses a malformed payment with a clear reason and changes nothing", async () => {
    const before = await stored();
    const res = await apply({
      Id: "73",
      TxnDate: "5 Oct",
      Line: [],
      MetaData: { LastUpdatedTime: "2026-10-09T00:00:00Z" },
    });
    expect(res).toMatchObject({ outcome: "failed", errorCategory: "validation" });
    expect(res?.errorMessage).toContain("TxnDate");
    expect(await stored()).toEqual(before);
  });

  it("does not apply to other entities", async () => {
    expect(await apply({ Id: "1" }, "Invoice")).toBeUndefined();
  });
});
