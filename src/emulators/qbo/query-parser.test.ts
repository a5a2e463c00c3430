import { describe, expect, it } from "vitest";
import { buildQuery } from "../../connectors/qbo/query.ts";
import { parseQuery, QueryParseError } from "./query-parser.ts";

describe("QBO query parser (X-QB)", () => {
  it("parses the full grammar", () => {
    expect(
      parseQuery(
        "SELECT * FROM Invoice WHERE MetaData.LastUpdatedTime >= '2026-05-01T00:00:00-07:00' AND Id IN ('1', '2') AND Balance > 0 ORDERBY MetaData.LastUpdatedTime DESC STARTPOSITION 1 MAXRESULTS 1000",
      ),
    ).toEqual({
      count: false,
      entity: "Invoice",
      where: [
        { field: "MetaData.LastUpdatedTime", op: ">=", value: "2026-05-01T00:00:00-07:00" },
        { field: "Id", op: "IN", value: ["1", "2"] },
        { field: "Balance", op: ">", value: 0 },
      ],
      orderBy: { field: "MetaData.LastUpdatedTime", dir: "DESC" },
      startPosition: 1,
      maxResults: 1000,
    });
  });

  it("accepts what node-quickbooks and Airbyte send: lowercase keywords, ORDER BY, Metadata", () => {
    const q = parseQuery(
      "select * from customer where Active = false order by Metadata.LastUpdatedTime startposition 1 maxresults 1000",
    );
    expect(q).toMatchObject({
      entity: "customer",
      where: [{ field: "Active", op: "=", value: false }],
      orderBy: { dir: "ASC" },
    });
  });

  it("counts, LIKE, and escaped quotes", () => {
    expect(parseQuery("SELECT COUNT(*) FROM Customer WHERE DisplayName LIKE 'O\\'Brien%'")).toMatchObject({
      count: true,
      where: [{ op: "LIKE", value: "O'Brien%" }],
    });
  });

  it("round-trips what Ledgerlink's own query builder writes", () => {
    const text = buildQuery({
      entity: "Item",
      where: [
        ["Name", "=", "Rock's \\ Roll"],
        ["Active", "IN", [true, false]],
      ],
    });
    expect(parseQuery(text).where).toEqual([
      { field: "Name", op: "=", value: "Rock's \\ Roll" },
      { field: "Active", op: "IN", value: [true, false] },
    ]);
  });

  it.each([
    "SELECT Id FROM Invoice",
    "SELECT * FROM Invoice WHERE Id = '1' OR Id = '2'",
    "SELECT * FROM Invoice WHERE Id = 'open",
    "SELECT * FROM",
    "SELECT * FROM Invoice MAXRESULTS many",
    "DELETE FROM Invoice",
    "SELECT * FROM Invoice WHERE Id ~ 1",
  ])("refuses %s with a parse error", (text) => {
    expect(() => parseQuery(text)).toThrow(QueryParseError);
  });
});
