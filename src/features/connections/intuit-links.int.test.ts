import { afterAll, beforeAll, expect, it } from "vitest";
import { testSecrets } from "../../../test/support/app.ts";
import { describeEachBackend } from "../../../test/support/db.ts";
import { startStack, type Stack } from "../../../test/support/stack.ts";
import { revokeIntuitToken } from "../../connectors/qbo/oauth.ts";
import { PATHS } from "../../http/paths.ts";
import { ManualClock } from "../../lib/clock.ts";

/** Intuit's Launch and Disconnect URLs (production keys form): both open in the user's browser. */
describeEachBackend("Intuit launch and disconnect links", (db) => {
  const clock = new ManualClock("2026-11-02T09:00:00Z");
  let stack: Stack;
  const get = (path: string, cookie?: string) =>
    stack.app.request(path, { headers: cookie ? { cookie } : {} });
  const connection = (connectionId: string) =>
    db()
      .db.selectFrom("qboConnections")
      .selectAll()
      .where("connectionId", "=", connectionId)
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    stack = await startStack(db(), clock);
  });
  afterAll(() => stack.close());

  it("launch: signs a visitor in with HubSpot first, then sends them to connect QuickBooks", async () => {
    const anonymous = await get(PATHS.intuitLaunch);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe("/signin?next=%2Fintuit%2Flaunch");
    const signedIn = await get(PATHS.intuitLaunch, stack.user.cookie);
    expect(signedIn.status).toBe(302);
    const consent = new URL(signedIn.headers.get("location")!);
    expect(consent.origin).toBe(stack.urls.qbo);
    expect(consent.searchParams.get("client_id")).toBe("ledgerlink-dev");
    expect(consent.searchParams.get("state")).toMatch(/.+/);
  });

  it("disconnect: marks a realm only once QuickBooks confirms its tokens are revoked", async () => {
    const { us, uk } = stack.companies;
    // Anyone can open the URL: a realm whose tokens still work stays connected.
    const early = await (await get(`${PATHS.intuitDisconnect}?realmId=${us.realmId}`)).text();
    expect(early).toContain("QuickBooks disconnected");
    expect(early).toContain("as soon as Ledgerlink next calls QuickBooks");
    expect((await connection(us.connectionId)).status).toBe("active");

    // The user disconnects the app in QuickBooks: Intuit revokes the company's tokens.
    const row = await connection(us.connectionId);
    const refresh = testSecrets.open(row.refreshToken, `qbo:${us.connectionId}`);
    const intuit = {
      clientId: "ledgerlink-dev",
      clientSecret: "ledgerlink-dev-secret",
      redirectUri: `${stack.urls.ledgerlink}${PATHS.qboOAuthCallback}`,
      authBaseUrl: stack.urls.qbo,
      oauthBaseUrl: stack.urls.qbo,
      revokeBaseUrl: stack.urls.qbo,
      fetch: stack.route,
      clock,
    };
    expect((await revokeIntuitToken(intuit, refresh)).ok).toBe(true);

    const landed = await (await get(`${PATHS.intuitDisconnect}?realmId=${us.realmId}&lang=ja`)).text();
    expect(landed).toContain("QuickBooks との接続が解除されました");
    expect(landed).toContain("「再接続が必要」と表示されます");
    expect(await connection(us.connectionId)).toMatchObject({
      status: "needs_reconnect",
      statusReason: "disconnected in QuickBooks",
    });
    expect((await connection(uk.connectionId)).status).toBe("active");
  });

  it.each(["", "?realmId=", "?realmId=abc", "?realmId=999999"])(
    "disconnect: a missing, malformed or unknown realm (%s) shows the page and changes nothing",
    async (query) => {
      const res = await get(`${PATHS.intuitDisconnect}${query}&lang=en`.replace(/^([^?]*)&/, "$1?"));
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("Go to Connections to reconnect");
      expect((await connection(stack.companies.uk.connectionId)).status).toBe("active");
    },
  );
});
