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
