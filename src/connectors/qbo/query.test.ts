import { describe, expect, it } from "vitest";
import { buildQuery, quote } from "./query.ts";

describe("QBO query builder", () => {
  it("escapes quotes and backslashes so input cannot break out of a string", () => {
    expect(quote("O'Brien")).toBe("'O\\'Brien'");
    expect(quote("a\\' OR 1=1")).toBe("'a\\\\\\' OR 1=1'");
    expect(quote(true)).toBe("true");
    expect(quote(new Date("2026-01-01T00:00:00Z"))).toBe("'2026-01-01T00:00:00.000Z'");
  });

  it("builds a paged incremental query", () => {
    expect(
      buildQuery({
        entity: "Invoice",
        where: [
          ["MetaData.LastUpdatedTime", ">=", "2026-05-01T00:00:00Z"],
          ["Id", "IN", ["1", "2"]],
        ],
        orderBy: { field: "MetaData.LastUpdatedTime" },
        startPosition: 1001,
        maxResults: 5000,
      }),
    ).toBe(
      "SELECT * FROM Invoice WHERE MetaData.LastUpdatedTime >= '2026-05-01T00:00:00Z' AND Id IN ('1', '2') ORDERBY MetaData.LastUpdatedTime ASC STARTPOSITION 1001 MAXRESULTS 1000",
    );
  });

  it("counts", () => {
    expect(buildQuery({ entity: "Customer", count: true, where: [["Active", "=", false]] })).toBe(
      "SELECT COUNT(*) FROM Customer WHERE Active = false",
    );
  });

  it.each([
    [{ entity: "Invoice; DROP" }],
    [{ entity: "Invoice", where: [["Id) OR (1", "=", "1"]] }],
    [{ entity: "Invoice", where: [["Id", "IN", []]] }],
    [{ entity: "Invoice", orderBy: { field: "x y" } }],
  ])("refuses %j", (spec) => {
    expect(() => buildQuery(spec as never)).toThrow();
  });
});
