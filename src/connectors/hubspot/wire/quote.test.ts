import { describe, expect, it } from "vitest";
import { parseDeal } from "./deal.ts";
import { parseQuote } from "./quote.ts";

describe("HubSpot quote wire", () => {
  it("maps a quote; the expiry is a calendar day from ISO or epoch ms", () => {
    const iso = parseQuote({
      id: "100003",
      properties: {
        hs_title: "Q-1",
        hs_status: "APPROVAL_NOT_NEEDED",
        hs_expiration_date: "2026-04-01T00:00:00.000Z",
        hs_quote_amount: "1500.00",
        hs_currency: "usd",
      },
    });
    expect(iso.ok && iso.value).toEqual({
      id: "100003",
      archived: false,
      title: "Q-1",
      status: "APPROVAL_NOT_NEEDED",
      expiresOn: "2026-04-01",
      amount: 1500,
      currency: "USD",
    });
    const epoch = parseQuote({ id: "1", properties: { hs_expiration_date: "1775001600000" } });
    expect(epoch.ok && [epoch.value.status, epoch.value.expiresOn]).toEqual(["DRAFT", "2026-04-01"]);
    const bad = parseQuote({ id: "1", properties: { hs_expiration_date: "next week" } });
    expect(!bad.ok && bad.error.path).toBe("properties.hs_expiration_date");
  });
});

describe("HubSpot deal wire", () => {
  it("maps the deal's name, amount, owner and pipeline", () => {
    const r = parseDeal({
      id: "100002",
      properties: {
        dealname: "Acme renewal",
        amount: "1500.00",
        deal_currency_code: "USD",
        dealstage: "contractsent",
        pipeline: "default",
        hubspot_owner_id: "50000001",
        closedate: "2026-03-31T23:00:00Z",
      },
      updatedAt: "2026-03-02T09:00:00.000Z",
    });
    expect(r.ok && r.value).toEqual({
      id: "100002",
      archived: false,
      updatedAt: new Date("2026-03-02T09:00:00.000Z"),
      name: "Acme renewal",
      amount: 1500,
      currency: "USD",
      stageId: "contractsent",
      pipelineId: "default",
      ownerId: "50000001",
      closeDate: "2026-03-31",
    });
  });
});
