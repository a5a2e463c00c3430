import { describe, expect, it } from "vitest";
import { parseOfferedQuotes } from "../../../connectors/hubspot/wire/index.ts";
import { draftLinesFrom, itemFor, quoteState } from "./rules.ts";

const items = [
  { id: "1", name: "Annual licence", sku: "LIC-ANNUAL", unitPrice: 1200 },
  { id: "2", name: "Consulting hour", sku: "CONS-HR", unitPrice: 150 },
  { id: "3", name: "Design", unitPrice: 75 },
];

describe("wizard rules: quote usability (I2) and line mapping (I4)", () => {
  it.each([
    [{ status: "APPROVAL_NOT_NEEDED", expiresOn: "2026-12-01" }, { usable: true }],
    [{ status: "APPROVED", expiresOn: "2026-11-02" }, { usable: true }],
    [
      { status: "DRAFT", expiresOn: "2026-12-01" },
      { usable: false, reason: "draft" },
    ],
    [
      { status: "PENDING_APPROVAL", expiresOn: "2026-12-01" },
      { usable: false, reason: "not_published" },
    ],
    [
      { status: "APPROVAL_NOT_NEEDED", expiresOn: "2026-11-01" },
      { usable: false, reason: "expired", on: "2026-11-01" },
    ],
  ])("quote %o is %o on 2026-11-02", (quote, expected) => {
    expect(quoteState(quote, "2026-11-02")).toEqual(expected);
  });

  it("treats a quote as usable through its expiry day, and one without an expiry as unexpired (I2)", () => {
    const quote = { status: "APPROVED", expiresOn: "2026-11-02" };
    expect(quoteState(quote, "2026-11-02").usable).toBe(true);
    expect(quoteState(quote, "2026-11-03")).toEqual({ usable: false, reason: "expired", on: "2026-11-02" });
    expect(quoteState({ status: "APPROVED" }, "2099-01-01")).toEqual({ usable: true });
    expect(quoteState({ status: "REJECTED" }, "2026-11-02")).toMatchObject({ reason: "not_published" });
  });

  it("reads HubSpot's quote as the wire reads it: no status is a draft, an unreadable expiry none", () => {
    const read = parseOfferedQuotes([
      { id: "1", properties: { hs_expiration_date: "2026-12-01" } },
      { id: "2", properties: { hs_status: "APPROVED", hs_expiration_date: "soon" } },
      { id: "3", properties: { hs_status: "APPROVED", hs_expiration_date: "1793491200000" } },
    ]);
    expect(read.ok && read.value.map((q) => quoteState(q, "2026-11-02"))).toEqual([
      { usable: false, reason: "draft" },
      { usable: true },
      { usable: false, reason: "expired", on: "2026-11-01" },
    ]);
  });

  it.each([
    [{ id: "a", linkedItemId: "3", sku: "CONS-HR", name: "x", quantity: 1, price: 1 }, "3"],
    [{ id: "a", linkedItemId: "99", sku: "cons-hr", name: "x", quantity: 1, price: 1 }, "2"],
    [{ id: "a", name: " annual LICENCE ", quantity: 1, price: 1 }, "1"],
    [{ id: "a", name: "Unknown", sku: "NOPE", quantity: 1, price: 1 }, undefined],
  ])("maps %o to item %s: link, then SKU, then name", (line, id) => {
    expect(itemFor(line, items)?.id).toBe(id);
  });

  it("keeps unmapped lines, unmapped, with what HubSpot called them", () => {
    const [mapped, unmapped] = draftLinesFrom(
      [
        { id: "10", name: "Annual licence", sku: "LIC-ANNUAL", quantity: 5, price: 1100 },
        { id: "11", name: "Mystery", quantity: 0, price: -1 },
      ],
      items,
    );
    expect(mapped).toMatchObject({ itemId: "1", quantity: 5, unitPrice: 1100, hubspotLineItemId: "10" });
    expect(unmapped).toMatchObject({ itemId: undefined, hubspotName: "Mystery", quantity: 1, unitPrice: 0 });
  });
});
