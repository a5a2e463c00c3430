import { expect, it } from "vitest";
import { testApp, testSecrets } from "../../../test/support/app.ts";
import { describeEachBackend } from "../../../test/support/db.ts";
import { signedInPortal } from "../../../test/support/session.ts";
import { ManualClock } from "../../lib/clock.ts";
import { upsertQboConnection } from "../connections/repo/qbo-connections.ts";

/** The Overview says what is connected, as it is, and links to Connections only when something is missing. */
describeEachBackend("overview: connected accounts", (db) => {
  const clock = new ManualClock("2026-06-01T00:00:00Z");

  it("names the portal and each company when both are connected, and never says 'once it is available'", async () => {
    const user = await signedInPortal(db().db, `ov${Math.random().toString(36).slice(2, 8)}`, clock.now());
    const app = testApp(db(), clock);
    const home = async (lang = "en") =>
      (await app.request(`/?lang=${lang}`, { headers: { cookie: user.cookie } })).text();

    const before = await home();
    expect(before).toContain("QuickBooks Online: no company connected yet");
    expect(before).toContain('<a href="/connections">Connect or reconnect on the Connections page</a>');

    await upsertQboConnection(
      db().db,
      {
        connectionId: `conn-${user.portalId}`,
        portalId: user.portalId,
        realmId: "9130000000000077",
        companyName: "Sakura Trading KK",
        country: "JP",
        homeCurrency: "JPY",
        multiCurrency: false,
        customTxnNumbers: false,
        accessToken: testSecrets.seal("x"),
        refreshToken: testSecrets.seal("y", `qbo:conn-${user.portalId}`),
        accessExpiresAt: clock.now(),
        refreshExpiresAt: clock.now(),
      },
      clock.now(),
    );
    const after = await home();
    expect(after).toContain(`HubSpot portal ${user.portalId}: connected`);
    expect(after).toContain("QuickBooks company Sakura Trading KK: connected");
    expect(after).toContain("Everything is connected.");
    expect(after).not.toContain("once it is available");
    expect(after).not.toContain('href="/connections">Connect or reconnect');
    const ja = await home("ja");
    expect(ja).toContain("QuickBooks 会社 Sakura Trading KK：接続済み");
  });

  it("asks a signed-out visitor to sign in", async () => {
    const html = await (await testApp(db(), clock).request("/")).text();
    expect(html).toContain('<a href="/signin">Sign in with HubSpot to see your connected accounts.</a>');
  });
});
