import { describe, expect, it } from "vitest";
import type { DraftLine } from "./draft.ts";
import { addLine, editLines, linesBlocker, parseDecimal } from "./lines.ts";

const items = new Map(
  [
    { id: "1", name: "Annual licence", unitPrice: 1200, taxCodeId: "20" },
    { id: "2", name: "Consulting hour", unitPrice: 150 },
  ].map((i) => [i.id, i]),
);
const lines: DraftLine[] = [
  { key: "q1", itemId: "1", itemName: "Annual licence", quantity: 5, unitPrice: 1100, taxCodeId: "20" },
  { key: "q2", hubspotName: "Mystery", quantity: 1, unitPrice: 10 },
];
const form = (fields: Record<string, string>) => (name: string) => fields[name];

describe("wizard lines: the products step's edits (I4, I5)", () => {
  it.each([
    ["2", 2],
    ["99.50", 99.5],
    [" 7 ", 7],
    ["0", 0],
    ["-3", undefined],
    ["1e3", undefined],
    ["1,000", undefined],
    ["abc", undefined],
    ["", undefined],
    ["1.23456", undefined],
  ])("reads %o as %o (plain decimals only)", (text, value) => {
    expect(parseDecimal(text)).toBe(value);
  });

  it.each([
    [{ qty_q1: "-3" }, 1],
    [{ qty_q1: "0" }, 1],
    [{ qty_q2: "two" }, 2],
    [{ price_q2: "-1" }, 2],
    [{ price_q1: "12,5" }, 1],
  ])("refuses %o, naming line %i, and changes nothing", (fields, line) => {
    expect(editLines(lines, form(fields), items)).toEqual({ ok: false, error: { code: "number", line } });
  });

  it("applies quantities, rates, descriptions and removals; a price of 0 is allowed", () => {
    const res = editLines(
      lines,
      form({ qty_q1: "6", price_q1: "0", desc_q1: " Renewal ", remove_q2: "1" }),
      items,
    );
    expect(res).toEqual({
      ok: true,
      value: [{ ...lines[0], quantity: 6, unitPrice: 0, description: "Renewal" }],
    });
  });

  it("maps an unmapped line to the picked item, which brings its own tax code", () => {
    const res = editLines(lines, form({ item_q2: "1" }), items);
    expect(res.ok && res.value[1]).toMatchObject({
      itemId: "1",
      itemName: "Annual licence",
      taxCodeId: "20",
    });
    expect(editLines(lines, form({ item_q2: "99" }), items)).toEqual({
      ok: false,
      error: { code: "item", line: 2 },
    });
  });

  it("takes a posted tax code from the company's list only (I5)", () => {
    const codes = new Set(["20", "21"]);
    const res = editLines(lines, form({ tax_q1: "21", tax_q2: "" }), items, codes);
    expect(res.ok && res.value.map((l) => l.taxCodeId)).toEqual(["21", undefined]);
    expect(editLines(lines, form({ tax_q1: "666" }), items, codes)).toEqual({
      ok: false,
      error: { code: "tax", line: 1 },
    });
  });

  it("adds a product from QuickBooks at its own price unless a rate is given", () => {
    const added = addLine(lines, items.get("2")!, "", "");
    expect(added.ok && added.value[2]).toMatchObject({
      key: "l3",
      itemId: "2",
      quantity: 1,
      unitPrice: 150,
      description: "Consulting hour",
    });
    const priced = addLine([], items.get("2")!, "3", "99.5");
    expect(priced.ok && priced.value[0]).toMatchObject({ key: "l1", quantity: 3, unitPrice: 99.5 });
    expect(addLine(lines, items.get("2")!, "0", "")).toMatchObject({ ok: false, error: { code: "number" } });
  });

  it("says why lines cannot go on: none, unmapped, or (outside the US) a missing tax code", () => {
    expect(linesBlocker([])).toEqual({ code: "empty" });
    expect(linesBlocker(lines)).toEqual({ code: "unmapped", line: 2 });
    const mapped = [lines[0]!, { ...lines[1]!, itemId: "2" }];
    expect(linesBlocker(mapped)).toBeUndefined();
    expect(linesBlocker(mapped, new Set(["20"]))).toEqual({ code: "noTax", line: 2 });
    expect(linesBlocker(mapped, new Set(["21"]))).toEqual({ code: "noTax", line: 1 });
  });
});
