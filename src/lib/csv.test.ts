import { describe, expect, it } from "vitest";
import { csvCell, csvText } from "./csv.ts";

describe("CSV export (Invoices, Activity)", () => {
  it("quotes commas, quotes and line breaks as RFC 4180 says", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("Acme, Inc.")).toBe('"Acme, Inc."');
    expect(csvCell('the "best"')).toBe('"the ""best"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(12.5)).toBe("12.5");
    expect(csvCell(-3)).toBe("-3");
  });

  it("makes text that a spreadsheet would run as a formula inert", () => {
    for (const bad of ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", '=HYPERLINK("http://x")'])
      expect(csvCell(bad).replace(/^"/, "").startsWith("'")).toBe(true);
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell("a=b")).toBe("a=b");
  });

  it("writes a byte-order mark, the header and CRLF rows", () => {
    expect(
      csvText(
        ["請求書", "金額"],
        [
          ["1001", 10],
          ["=x", null],
        ],
      ),
    ).toBe("\uFEFF請求書,金額\r\n1001,10\r\n'=x,\r\n");
  });
});
