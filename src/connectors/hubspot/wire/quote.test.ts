import { describe, expect, it } from "vitest";
import { parseDeal } from "./deal.ts";
import { parseOfferedQuote, parseOfferedQuotes, parseQuote } from "./quote.ts";

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

describe("HubSpot quote wire, as the wizard offers quotes", () => {
  it.each([["next week"], ["soon"], [""], [null]])(
    "reads the unreadable or missing expiry %o as none, keeping the quote",
    (value) => {
      const r = parseOfferedQuote({
        id: "1",
        properties: { hs_status: "APPROVED", hs_expiration_date: value },
      });
      expect(r.ok && r.value).toEqual({ id: "1", archived: false, status: "APPROVED" });
    },
  );

  it("still reads a readable expiry, and still refuses what is malformed elsewhere", () => {
    const list = parseOfferedQuotes([
      { id: "1", properties: { hs_expiration_date: "1793491200000" } },
      { id: "2", properties: { hs_expiration_date: "2026-11-01T23:59:59.999Z" } },
    ]);
    expect(list.ok && list.value.map((q) => q.expiresOn)).toEqual(["2026-11-01", "2026-11-01"]);
    const bad = parseOfferedQuote({ id: "1", properties: { hs_quote_amount: "a lot" } });
    expect(!bad.ok && bad.error.path).toBe("properties.hs_quote_amount");
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
