import { expect, it } from "vitest";
import { ManualClock } from "../../src/lib/clock.ts";
import { describeEachBackend } from "./db.ts";
import { startStack } from "./stack.ts";

describeEachBackend("test stack", (db) => {
  it("connects a seeded HubSpot portal and two QBO companies through Ledgerlink's own clients", async () => {
    const clock = new ManualClock("2026-11-02T09:00:00Z");
    const stack = await startStack(db(), clock);
    try {
      const deals = await stack.hs("GET", "/crm/v3/objects/deals?limit=10");
      expect(deals.status).toBe(200);
      expect(deals.body.results.length).toBeGreaterThan(3);
      const http = stack.clients.qbo(stack.companies.uk);
      const info = await http.request({ method: "GET", path: `/companyinfo/${stack.companies.uk.realmId}` });
      expect(info.ok).toBe(true);
      const hs = stack.clients.hubspot({ portalId: stack.portalId, appId: "1" });
      const owners = await hs.request({ method: "GET", path: "/crm/v3/owners" });
      expect(owners.ok).toBe(true);
    } finally {
      await stack.close();
    }
  });
});

describeEachBackend("test stack, live", (db) => {
  it("serves all three on free ports and registers Ledgerlink's card with the HubSpot emulator", async () => {
    const clock = new ManualClock("2026-11-02T09:00:00Z");
    const stack = await startStack(db(), clock, { live: true });
    try {
      expect(stack.urls.ledgerlink).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${stack.urls.ledgerlink}/healthz`);
      expect(health.status).toBe(200);
      const cards = await fetch(
        `${stack.urls.hubspot}/crm/v3/extensions/cards-dev/1?hapikey=ledgerlink-dev-hapikey`,
      );
      const body = (await cards.json()) as { results: Array<{ fetch: { targetUrl: string } }> };
      expect(body.results.map((c) => c.fetch.targetUrl)).toEqual([`${stack.urls.ledgerlink}/hubspot/card`]);
    } finally {
      await stack.close();
    }
  });
});
