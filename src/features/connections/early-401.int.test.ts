import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/support/db.ts";
import { startStack, type Stack } from "../../../test/support/stack.ts";
import { ManualClock } from "../../lib/clock.ts";
import { NEEDS_RECONNECT } from "./tokens.ts";

/**
 * ADR 0033: a vendor that refuses an access token before its expiry (our row still says it is
 * good) costs one refresh, shared by every call that met the 401, and one retry of each call.
 * A refresh refused with `invalid_grant` marks the connection "needs reconnecting" for good.
 */
describeEachBackend("tokens that fail early (ADR 0033)", (db) => {
  const clock = new ManualClock("2026-06-01T09:00:00Z");
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(db(), clock);
  });
  afterAll(() => stack.close());

  const hsControl = async (path: string, body: unknown) => {
    const res = await stack.hubspot.fetch(
      new Request(`${stack.urls.hubspot}/__emulator${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    );
    return (await res.json()) as Record<string, unknown>;
  };
  /** How many times each emulator's token endpoint was called since `since` (its request log). */
  const tokenCalls = async (vendor: "qbo" | "hubspot") => {
    const emulator = vendor === "qbo" ? stack.qbo : stack.hubspot;
    const base = vendor === "qbo" ? stack.urls.qbo : stack.urls.hubspot;
    const res = await emulator.fetch(new Request(`${base}/__emulator/requests`));
    const { requests } = (await res.json()) as { requests: Array<{ method: string; path: string }> };
    const path = vendor === "qbo" ? "/oauth2/v1/tokens/bearer" : "/oauth/v1/token";
    return requests.filter((r) => r.method === "POST" && r.path === path).length;
  };
  const clearRequests = async () => {
    for (const [emulator, base] of [
      [stack.qbo, stack.urls.qbo],
      [stack.hubspot, stack.urls.hubspot],
    ] as const)
      await emulator.fetch(new Request(`${base}/__emulator/requests`, { method: "DELETE" }));
  };
  const qboStatus = async (connectionId: string) =>
    (
      await db()
        .db.selectFrom("qboConnections")
        .select(["status", "statusReason"])
        .where("connectionId", "=", connectionId)
        .executeTakeFirstOrThrow()
    ).status;

  it("QBO: 8 concurrent calls meet a 401, one refresh serves them all, each call succeeds on its retry", async () => {
    const { us } = stack.companies;
    const expired = await stack.qboControl("/tokens/expire", { realmId: us.realmId });
    expect(expired.expired).toBeGreaterThan(0);
    await clearRequests();
    const qbo = stack.clients.qbo(us);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => qbo.request({ method: "GET", path: `/companyinfo/${us.realmId}` })),
    );
    expect(answers.map((a) => a.ok)).toEqual(Array(8).fill(true));
    expect(await tokenCalls("qbo")).toBe(1);
    expect(await qboStatus(us.connectionId)).toBe("active");
    // The renewed token is stored: the next call needs no refresh.
    await clearRequests();
    expect((await qbo.request({ method: "GET", path: `/companyinfo/${us.realmId}` })).ok).toBe(true);
    expect(await tokenCalls("qbo")).toBe(0);
  });

  it("HubSpot: 6 concurrent calls meet a 401, one refresh, then success", async () => {
    await hsControl("/tokens/expire", { portalId: stack.hubspotPortalId });
    await clearRequests();
    const hs = stack.clients.hubspot({ portalId: stack.portalId, appId: "1" });
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        hs.request({ method: "GET", path: "/crm/v3/objects/contacts?limit=1" }),
      ),
    );
    expect(answers.map((a) => a.ok)).toEqual(Array(6).fill(true));
    expect(await tokenCalls("hubspot")).toBe(1);
  });

  it("a 401 that survives the refresh is not refreshed again: one renewal and one retry per call", async () => {
    const { uk } = stack.companies;
    const path = `/v3/company/${uk.realmId}/companyinfo/${uk.realmId}`;
    await stack.qboControl("/faults", { method: "GET", path, status: 401, times: 3 });
    await clearRequests();
    const answer = await stack.clients.qbo(uk).request({ method: "GET", path: `/companyinfo/${uk.realmId}` });
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.status).toBe(401);
    expect(await tokenCalls("qbo")).toBe(1);
    const { requests } = (await stack.qboControl("/requests")) as { requests: Array<{ path: string }> };
    expect(requests.filter((r) => r.path === path)).toHaveLength(2);
    await stack.qbo.fetch(new Request(`${stack.urls.qbo}/__emulator/faults`, { method: "DELETE" }));
  });

  it("QBO: a revoked grant marks the company 'needs reconnecting' and stops calling the token endpoint", async () => {
    const { uk } = stack.companies;
    await stack.qboControl("/tokens/revoke", { realmId: uk.realmId });
    await clearRequests();
    const qbo = stack.clients.qbo(uk);
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => qbo.request({ method: "GET", path: `/companyinfo/${uk.realmId}` })),
    );
    for (const answer of answers) {
      expect(answer.ok).toBe(false);
      if (!answer.ok)
        expect(answer.error).toMatchObject({ kind: "auth", retryable: false, code: NEEDS_RECONNECT });
    }
    expect(await tokenCalls("qbo")).toBe(1);
    expect(await qboStatus(uk.connectionId)).toBe("needs_reconnect");
    // Later calls do not even try: the state is persisted.
    await clearRequests();
    const later = await qbo.request({ method: "GET", path: `/companyinfo/${uk.realmId}` });
    expect(later.ok).toBe(false);
    expect(await tokenCalls("qbo")).toBe(0);
  });

  it("HubSpot: an uninstalled app marks the portal 'needs reconnecting'; Connections offers Reconnect", async () => {
    await hsControl("/tokens/revoke", { portalId: stack.hubspotPortalId });
    await hsControl("/tokens/expire", { portalId: stack.hubspotPortalId });
    await clearRequests();
    const hs = stack.clients.hubspot({ portalId: stack.portalId, appId: "1" });
    const answer = await hs.request({ method: "GET", path: "/crm/v3/objects/contacts?limit=1" });
    expect(answer.ok ? undefined : answer.error.code).toBe(NEEDS_RECONNECT);
    expect(await tokenCalls("hubspot")).toBe(1);
    const portal = await db()
      .db.selectFrom("portals")
      .select("status")
      .where("portalId", "=", stack.portalId)
      .executeTakeFirstOrThrow();
    expect(portal.status).toBe("needs_reconnect");
    const page = await (
      await stack.app.request("/connections", { headers: { cookie: stack.user.cookie } })
    ).text();
    expect(page).toContain(
      '<a class="button" href="/auth/hubspot" data-testid="reconnect-hubspot">Reconnect</a>',
    );
  });
});
