import { describe, expect, it } from "vitest";
import { createEmulatorClock } from "../../kit/index.ts";
import { createHubSpotEmulator } from "../app.ts";
import { TEST_START } from "../test-support.ts";

const CARD_URL = "http://integration.test/card";

/** A demo portal with one card whose fetches the test records, and the Japanese sales rep's id. */
async function setup() {
  const fetches: Request[] = [];
  const hs = createHubSpotEmulator({
    clock: createEmulatorClock({ start: TEST_START, frozen: true }),
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      fetches.push(new Request(input, init));
      return Response.json({ results: [] });
    }) as typeof fetch,
  });
  const portalId = hs.createPortal({ seed: "demo" });
  const res = await hs.fetch(
    new Request("http://hubspot.test/crm/v3/extensions/cards-dev/1?hapikey=ledgerlink-dev-hapikey", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        title: "Invoices",
        fetch: { targetUrl: CARD_URL, objectTypes: [{ name: "deals", propertiesToSend: [] }] },
        display: { properties: [] },
        actions: { baseUrls: ["http://integration.test"] },
      }),
    }),
  );
  expect(res.status).toBe(201);
  const portal = hs.world.portal(portalId)!;
  const aiko = portal.users.find((u) => u.language === "ja")!;
  const deal = [...portal.table("deals").records.values()][0]!;
  const page = `/contacts/${portalId}/record/0-3/${deal.id}`;
  const get = (cookie?: string) =>
    hs.fetch(new Request(`http://hubspot.test${page}`, { headers: cookie ? { cookie } : {} }));
  const switchTo = (userId: string, back = page) =>
    hs.fetch(
      new Request(`http://hubspot.test/console/${portalId}/current-user`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ userId, back }).toString(),
      }),
    );
  return { hs, portal, portalId, aiko, page, get, switchTo, fetches };
}

describe("the current user of the emulator's pages", () => {
  it("is the installing user (an English super admin) until another is picked", async () => {
    const { get, fetches, portal } = await setup();
    const html = await (await get()).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Viewing as");
    const query = new URL(fetches[0]!.url).searchParams;
    expect(query.get("userId")).toBe(String(portal.settings.userId));
    expect(query.get("userEmail")).toBe(portal.settings.userEmail);
    expect(fetches[0]!.headers.get("accept-language")).toBe("en");
  });

  it("switches to the Japanese sales rep: the page, and the card fetch, are theirs", async () => {
    const { aiko, page, get, switchTo, fetches, portalId } = await setup();
    const switched = await switchTo(aiko.id);
    expect(switched.status).toBe(303);
    expect(switched.headers.get("location")).toBe(page);
    const cookie = switched.headers.get("set-cookie")!.split(";")[0]!;
    expect(cookie).toBe(`hs_emulator_user_${portalId}=${aiko.id}`);
    fetches.length = 0;
    const html = await (await get(cookie)).text();
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain("表示中のユーザー");
    const query = new URL(fetches[0]!.url).searchParams;
    expect(query.get("userId")).toBe(aiko.id);
    expect(query.get("userEmail")).toBe(aiko.email);
    expect(fetches[0]!.headers.get("accept-language")).toBe("ja");
  });

  it("refuses an unknown user and a redirect off the emulator", async () => {
    const { aiko, switchTo, portalId } = await setup();
    const unknown = await switchTo("999");
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get("set-cookie")).toBeNull();
    const offsite = await switchTo(aiko.id, "//evil.example/");
    expect(offsite.headers.get("location")).toBe(`/contacts/${portalId}/objects/0-3/views/all/list`);
  });

  it("is on every console page of the portal, whose pages speak the picked user's language", async () => {
    const { hs, portalId, aiko, switchTo } = await setup();
    const deals = `/contacts/${portalId}/objects/0-3/views/all/list`;
    const before = await (await hs.fetch(new Request(`http://hubspot.test${deals}`))).text();
    expect(before).toContain('<html lang="en">');
    expect(before).toContain("Viewing as");
    expect(before).toContain(`name="back" value="${deals}"`);

    const switched = await switchTo(String(aiko.id), deals);
    expect(switched.headers.get("location")).toBe(deals);
    const cookie = switched.headers.get("set-cookie")!.split(";")[0]!;
    for (const path of [deals, `/workflows/${portalId}`]) {
      const html = await (
        await hs.fetch(new Request(`http://hubspot.test${path}`, { headers: { cookie } }))
      ).text();
      expect(html, path).toContain('<html lang="ja">');
      expect(html, path).toContain("表示中のユーザー");
    }
    // The list of portals names no portal: no switcher there.
    expect(await (await hs.fetch(new Request("http://hubspot.test/"))).text()).not.toContain("Viewing as");
  });
});
