import { describe, expect, it } from "vitest";
import { createEmulatorClock } from "../kit/index.ts";
import { createHubSpotEmulator } from "./app.ts";
import { TEST_START } from "./test-support.ts";

function emulator() {
  const hs = createHubSpotEmulator({ clock: createEmulatorClock({ start: TEST_START, frozen: true }) });
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await hs.fetch(
      new Request(`http://hubspot.test/__emulator${path}`, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    return {
      status: res.status,
      body: (res.status === 204 ? {} : await res.json()) as Record<string, unknown>,
    };
  };
  const api = async (token: string, path: string) =>
    (
      await hs.fetch(
        new Request(`http://hubspot.test${path}`, { headers: { authorization: `Bearer ${token}` } }),
      )
    ).json() as Promise<Record<string, unknown>>;
  return { hs, control, api };
}

describe("control API (/__emulator) (X-HS)", () => {
  it("creates portals with realistic ids, a deterministic demo seed, and tokens without consent", async () => {
    const { control, api } = emulator();
    expect((await control("GET", "/health")).status).toBe(200);
    const empty = await control("POST", "/portals", {});
    expect(empty).toEqual({ status: 201, body: { portalId: 20000001 } });
    const demo = await control("POST", "/portals", {
      seed: "demo",
      companyCurrency: "JPY",
      timeZone: "Asia/Tokyo",
    });
    expect(demo.body.portalId).toBe(20000002);

    const token = await control("POST", "/tokens", { portalId: 20000002 });
    expect(token.body).toMatchObject({ token_type: "bearer", expires_in: 1800, hub_id: 20000002 });
    const access = String(token.body.access_token);
    const deals = (await api(
      access,
      "/crm/v3/objects/deals?limit=100&properties=dealstage,amount,deal_currency_code",
    )) as {
      results: Array<{ properties: Record<string, string> }>;
    };
    expect(deals.results).toHaveLength(7);
    expect(new Set(deals.results.map((d) => d.properties.dealstage))).toContain("closedwon");
    expect(
      deals.results.every(
        (d) => d.properties.deal_currency_code === "JPY" && Number(d.properties.amount) > 0,
      ),
    ).toBe(true);
    const quotes = (await api(access, "/crm/v3/objects/quotes?properties=hs_status,hs_expiration_date")) as {
      results: Array<{ properties: Record<string, string> }>;
    };
    const statuses = quotes.results.map((q) => q.properties.hs_status);
    expect(statuses).toEqual(["APPROVAL_NOT_NEEDED", "DRAFT", "APPROVAL_NOT_NEEDED"]);
    expect(
      quotes.results.some((q) => Date.parse(q.properties.hs_expiration_date!) < Date.parse(TEST_START)),
    ).toBe(true);
    const details = await api(access, "/account-info/v3/details");
    expect(details).toMatchObject({ companyCurrency: "JPY", timeZone: "Asia/Tokyo", utcOffset: "+09:00" });

    const again = emulator();
    await again.control("POST", "/portals", {});
    await again.control("POST", "/portals", { seed: "demo", companyCurrency: "JPY", timeZone: "Asia/Tokyo" });
    const token2 = String((await again.control("POST", "/tokens", { portalId: 20000002 })).body.access_token);
    expect(await again.api(token2, "/crm/v3/objects/deals?limit=100&properties=dealname,amount")).toEqual(
      await api(access, "/crm/v3/objects/deals?limit=100&properties=dealname,amount"),
    );
  });

  it("registers apps and refuses bad bodies without changing anything", async () => {
    const { hs, control } = emulator();
    expect(
      await control("POST", "/apps", {
        clientId: "c1",
        clientSecret: "s1",
        redirectUris: ["https://x.example/cb"],
      }),
    ).toEqual({
      status: 201,
      body: { appId: 2 },
    });
    const badApp = await control("POST", "/apps", { clientId: "c2", redirectUris: ["not a url"] });
    expect(badApp.status).toBe(400);
    expect(badApp.body.error).toBe("Invalid body");
    expect(hs.world.oauth.appByClientId("c2")).toBeUndefined();
    expect((await control("POST", "/portals", { seed: "lots" })).status).toBe(400);
    expect((await control("POST", "/portals", { companyCurrency: "XXX" })).status).toBe(400);
    expect(hs.world.portals.size).toBe(0);
    expect((await control("POST", "/tokens", { portalId: 1 })).status).toBe(400);
    expect((await control("POST", "/tokens", { portalId: "x" })).status).toBe(400);
  });

  it("resets to an empty emulator that keeps the default app", async () => {
    const { hs, control } = emulator();
    await control("POST", "/portals", { seed: "demo" });
    await control("POST", "/apps", {
      clientId: "c1",
      clientSecret: "s1",
      redirectUris: ["https://x.example/cb"],
    });
    expect((await control("POST", "/reset")).status).toBe(200);
    expect(hs.world.portals.size).toBe(0);
    expect(hs.world.oauth.appByClientId("c1")).toBeUndefined();
    expect(hs.world.oauth.appByClientId("ledgerlink-dev")?.appId).toBe(1);
    expect((await control("POST", "/portals", {})).body.portalId).toBe(20000001);
  });

  it("reset also rewinds the clock to where the emulator started", async () => {
    const { control } = emulator();
    const start = (await control("GET", "/clock")).body.now;
    await control("POST", "/clock", { advanceSeconds: 40 * 86_400 });
    expect((await control("GET", "/clock")).body.now).not.toBe(start);
    expect(await control("POST", "/reset")).toEqual({ status: 200, body: { reset: true } });
    expect((await control("GET", "/clock")).body).toEqual({ now: start, frozen: true });
  });

  it("edits records as a CRM user would", async () => {
    const { hs, control } = emulator();
    await control("POST", "/portals", {});
    const sources: string[] = [];
    hs.core.onChange((c) => sources.push(c.changeSource));
    const created = await control("POST", "/portals/20000001/objects/contacts", {
      properties: { email: "ui@example.com" },
    });
    expect(created.status).toBe(201);
    const patched = await control("PATCH", `/portals/20000001/objects/contacts/${String(created.body.id)}`, {
      properties: { firstname: "Ui" },
    });
    expect(patched.status).toBe(200);
    expect(
      (await control("DELETE", `/portals/20000001/objects/contacts/${String(created.body.id)}`)).status,
    ).toBe(204);
    expect(new Set(sources)).toEqual(new Set(["CRM_UI"]));
  });
});
