import { describe, expect, it } from "vitest";
import { HealthBanner, healthMessage, type HealthNotice } from "./health-banner.tsx";
import { translator } from "./i18n/index.ts";

const reconnect: HealthNotice = {
  kind: "needs_reconnect",
  vendor: "qbo",
  name: "Acme",
  reconnectUrl: "/connections",
};
const failing = (failures: number): HealthNotice => ({
  kind: "sync_failing",
  vendor: "qbo",
  name: "Acme",
  objectType: "invoices",
  failures,
});

describe("health banner", () => {
  it("words each incident in English and Japanese, one failure and several alike", () => {
    const en = translator("en");
    const ja = translator("ja");
    expect(healthMessage(en, reconnect)).toContain("QuickBooks company Acme");
    expect(healthMessage(en, { ...reconnect, vendor: "hubspot", name: "62515" })).toContain(
      "HubSpot portal 62515",
    );
    expect(healthMessage(en, failing(1))).toBe("The last sync of invoices with Acme failed.");
    expect(healthMessage(en, failing(4))).toBe(
      "The last 4 syncs of invoices with Acme failed, with no success since.",
    );
    expect(healthMessage(ja, failing(4))).toContain("直近 4 回続けて失敗");
    expect(healthMessage(ja, reconnect)).toContain("QuickBooks の会社 Acme");
  });

  it("renders nothing without incidents, and a Reconnect link only where reconnecting is the fix", async () => {
    const t = translator("en");
    expect(HealthBanner({ t, notices: [] })).toBeNull();
    expect(HealthBanner({ t })).toBeNull();
    const html = String(await HealthBanner({ t, notices: [reconnect, failing(3)] }));
    expect(html).toContain('role="alert"');
    expect(html).toContain('<a href="/connections">Reconnect</a>');
    expect(html).toContain('<a href="/activity?outcome=failed&amp;object=invoices">See what failed</a>');
  });
});
