import { expect, it } from "vitest";
import { testApp, testSecrets } from "../../../test/support/app.ts";
import { describeEachBackend } from "../../../test/support/db.ts";
import { formPost, signedInPortal } from "../../../test/support/session.ts";
import { recordLedger } from "../activity/repo.ts";
import { upsertQboConnection } from "./repo/qbo-connections.ts";
import { ManualClock } from "../../lib/clock.ts";

describeEachBackend("portal isolation (A1)", (db) => {
  const clock = new ManualClock("2026-06-01T00:00:00Z");

  async function world() {
    const a = await signedInPortal(db().db, `a${Math.random().toString(36).slice(2, 8)}`, clock.now());
    const b = await signedInPortal(db().db, `b${Math.random().toString(36).slice(2, 8)}`, clock.now());
    const bConnection = await upsertQboConnection(
      db().db,
      {
        connectionId: `conn-${b.portalId}`,
        portalId: b.portalId,
        realmId: "9130000000000001",
        companyName: "B's Books Ltd",
        country: "GB",
        homeCurrency: "GBP",
        multiCurrency: false,
        customTxnNumbers: false,
        accessToken: testSecrets.seal("x"),
        refreshToken: testSecrets.seal("y", `qbo:conn-${b.portalId}`),
        accessExpiresAt: clock.now(),
        refreshExpiresAt: clock.now(),
      },
      clock.now(),
    );
    const bEntry = await recordLedger(db().db, {
      portalId: b.portalId,
      objectType: "invoice",
      objectId: "1001",
      trigger: "webhook",
      decision: "update deal properties",
      outcome: "failed",
      errorCategory: "rate_limited",
      errorMessage: "B's secret failure",
      retryJob: { name: "pull-qbo-changes", payload: {} },
      at: clock.now(),
    });
    const aEntry = await recordLedger(db().db, {
      portalId: a.portalId,
      objectType: "invoice",
      objectId: "7",
      trigger: "user",
      decision: "create invoice",
      outcome: "ok",
      at: clock.now(),
    });
    return { a, b, bConnection, bEntry, aEntry };
  }

  it("shows a user only their own portal's connections and activity", async () => {
    const { a } = await world();
    const app = testApp(db(), clock);
    const connections = await (await app.request("/connections", { headers: { cookie: a.cookie } })).text();
    expect(connections).toContain(a.portalId);
    expect(connections).not.toContain("B's Books");
    const activity = await (await app.request("/activity", { headers: { cookie: a.cookie } })).text();
    expect(activity).toContain("create invoice");
    expect(activity).not.toContain("B's secret failure");
  });

  it("answers 404 for every URL naming another portal's objects", async () => {
    const { a, bConnection, bEntry } = await world();
    const app = testApp(db(), clock);
    const disconnect = await app.request(
      `/connections/qbo/${bConnection}/disconnect`,
      formPost(a.cookie, a.csrf, { confirm: "yes" }),
    );
    expect(disconnect.status).toBe(404);
    const retry = await app.request(`/activity/${bEntry}/retry`, formPost(a.cookie, a.csrf));
    expect(retry.status).toBe(404);
    const still = await db()
      .db.selectFrom("qboConnections")
      .select("connectionId")
      .where("connectionId", "=", bConnection)
      .execute();
    expect(still).toHaveLength(1);
  });

  it("filters the activity by outcome and refuses a bad filter with a clear error", async () => {
    const { a } = await world();
    const app = testApp(db(), clock);
    const failedOnly = await (
      await app.request("/activity?outcome=failed", { headers: { cookie: a.cookie } })
    ).text();
    expect(failedOnly).not.toContain("create invoice");
    const bad = await app.request("/activity?outcome=exploded", { headers: { cookie: a.cookie } });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("not valid");
  });
});
