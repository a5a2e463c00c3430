import { describe, expect, it } from "vitest";
import { executeQuery, QueryValidationError } from "./query-exec.ts";
import { parseQuery } from "./query-parser.ts";

const customers = [
  {
    Id: "1",
    DisplayName: "Amy's Bird Sanctuary",
    Active: true,
    Balance: 239,
    MetaData: { LastUpdatedTime: "2026-05-01T10:00:00-07:00" },
  },
  {
    Id: "2",
    DisplayName: "Bill's Windsurf Shop",
    Active: true,
    Balance: 85,
    MetaData: { LastUpdatedTime: "2026-05-01T18:30:00+01:00" },
  },
  {
    Id: "3",
    DisplayName: "Old Customer",
    Active: false,
    Balance: 0,
    MetaData: { LastUpdatedTime: "2026-04-01T00:00:00Z" },
  },
];
const invoices = Array.from({ length: 250 }, (_, i) => ({
  Id: String(i + 1),
  CustomerRef: { value: String((i % 2) + 1), name: "x" },
  Balance: i,
}));
const run = (text: string, rows: Record<string, unknown>[] = customers) =>
  executeQuery(parseQuery(text), rows);

describe("QBO query execution (X-QB)", () => {
  it("hides inactive name-list records unless Active is filtered", () => {
    expect(run("SELECT * FROM Customer").rows.map((r) => r.Id)).toEqual(["1", "2"]);
    expect(run("SELECT * FROM Customer WHERE Active IN (true, false)").rows).toHaveLength(3);
    expect(run("select * from customer where active = false").rows.map((r) => r.Id)).toEqual(["3"]);
  });

  it("compares date-times as instants across offsets, and numbers as numbers", () => {
    expect(
      run("SELECT * FROM Customer WHERE MetaData.LastUpdatedTime > '2026-05-01T16:00:00Z'").rows.map(
        (r) => r.Id,
      ),
    ).toEqual(["1", "2"]);
    expect(run("SELECT * FROM Customer WHERE Balance >= 100").rows.map((r) => r.Id)).toEqual(["1"]);
  });

  it("LIKE with %, case-insensitive", () => {
    expect(run("SELECT * FROM Customer WHERE DisplayName LIKE '%windsurf%'").rows.map((r) => r.Id)).toEqual([
      "2",
    ]);
  });

  it("filters a customer by its e-mail address (PrimaryEmailAddr is filterable)", () => {
    const rows = [{ ...customers[0]!, PrimaryEmailAddr: { Address: "amy@example.com" } }, customers[1]!];
    expect(run("SELECT * FROM Customer WHERE PrimaryEmailAddr = 'amy@example.com'", rows).rows).toHaveLength(
      1,
    );
  });

  it("compares a reference by its value and pages 1-based", () => {
    const page = executeQuery(
      parseQuery("SELECT * FROM Invoice WHERE CustomerRef = '2' STARTPOSITION 101 MAXRESULTS 50"),
      invoices,
    );
    expect(page.rows).toHaveLength(25);
    expect(page.totalCount).toBe(125);
    expect(page.rows[0]?.Id).toBe("202");
  });

  it("counts without rows, orders, defaults to 100 per page, refuses more than 1000", () => {
    expect(executeQuery(parseQuery("SELECT COUNT(*) FROM Invoice"), invoices)).toMatchObject({
      rows: [],
      totalCount: 250,
    });
    expect(executeQuery(parseQuery("SELECT * FROM Invoice ORDERBY Balance DESC"), invoices).rows[0]?.Id).toBe(
      "250",
    );
    expect(executeQuery(parseQuery("SELECT * FROM Invoice"), invoices).rows).toHaveLength(100);
    expect(() => executeQuery(parseQuery("SELECT * FROM Invoice MAXRESULTS 1001"), invoices)).toThrow(
      QueryValidationError,
    );
  });
});
