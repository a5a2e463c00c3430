import { describe, expect, it } from "vitest";
import { toCsv, type ReportTable } from "./tables.ts";

describe("CSV export", () => {
  const table = (rows: ReportTable["rows"]): ReportTable => ({
    name: "overdue",
    title: "reports.overdue.title",
    columns: ["Invoice", "Customer", "Balance"],
    rows,
  });

  it("writes amounts plainly with the currency, quotes what needs quoting, CRLF lines and a BOM", () => {
    const csv = toCsv(table([["1001", 'Amy "Bird", Inc.', { cents: 123456 }]]), "USD", "Currency");
    expect(csv).toBe('\uFEFFInvoice,Customer,Balance,Currency\r\n1001,"Amy ""Bird"", Inc.",1234.56,USD\r\n');
  });

  it("never lets a spreadsheet run a cell as a formula", () => {
    const csv = toCsv(
      table([
        ['=HYPERLINK("x")', "+1", { cents: -500 }],
        ["@SUM(A1)", "-2", 7],
      ]),
      "USD",
      "Currency",
    );
    const lines = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[1]).toBe(`"'=HYPERLINK(""x"")",'+1,-5.00,USD`);
    expect(lines[2]).toBe("'@SUM(A1),'-2,7,USD");
  });
});
