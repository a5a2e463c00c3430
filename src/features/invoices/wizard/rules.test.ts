import { describe, expect, it } from "vitest";
import { draftLinesFrom, expiryDate, itemFor, quoteState } from "./rules.ts";

const items = [
  { id: "1", name: "Annual licence", sku: "LIC-ANNUAL", unitPrice: 1200 },
  { id: "2", name: "Consulting hour", sku: "CONS-HR", unitPrice: 150 },
  { id: "3", name: "Design", unitPrice: 75 },
];

describe("wizard rules: quote usability (I2) and line mapping (I4)", () => {
  it.each([
    [{ hs_status: "APPROVAL_NOT_NEEDED", hs_expiration_date: "2026-12-01" }, { usable: true }],
    [{ hs_status: "APPROVED", hs_expiration_date: "2026-11-02T00:00:00Z" }, { usable: true }],
    [
      { hs_status: "DRAFT", hs_expiration_date: "2026-12-01" },
      { usable: false, reason: "draft" },
    ],
    [
      { hs_status: "PENDING_APPROVAL", hs_expiration_date: "2026-12-01" },
      { usable: false, reason: "not_published" },
    ],
    [
      { hs_status: "APPROVAL_NOT_NEEDED", hs_expiration_date: "2026-11-01" },
      { usable: false, reason: "expired", on: "2026-11-01" },
    ],
  ])("quote %o is %o on 2026-11-02", (props, expected) => {
    expect(quoteState(props, "2026-11-02")).toEqual(expected);
  });

  it.each([
    ["2026-11-01T23:59:59.999Z", "2026-11-01"],
    ["1793491200000", "2026-11-01"],
    ["", undefined],
    [null, undefined],
    ["soon", undefined],
  ])("reads the expiry %o as the day %s (ISO datetimes and epoch milliseconds)", (value, day) => {
    expect(expiryDate(value)).toBe(day);
  });

  it("treats a quote as usable through its expiry day (I2)", () => {
    const props = { hs_status: "APPROVED", hs_expiration_date: "2026-11-02T00:00:00Z" };
    expect(quoteState(props, "2026-11-02").usable).toBe(true);
    expect(quoteState(props, "2026-11-03")).toEqual({ usable: false, reason: "expired", on: "2026-11-02" });
    expect(quoteState({ hs_status: "REJECTED" }, "2026-11-02")).toMatchObject({ reason: "not_published" });
    expect(quoteState({}, "2026-11-02")).toMatchObject({ reason: "draft" });
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
