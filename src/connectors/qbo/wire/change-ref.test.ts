import { describe, expect, it } from "vitest";
import { parseChangeRef, parseEntityId } from "./change-ref.ts";

describe("parseChangeRef: a change feed's row by its id", () => {
  it("reads any entity's id and last change, whatever else it carries", () => {
    const res = parseChangeRef({
      Id: "130",
      SyncToken: "2",
      MetaData: { LastUpdatedTime: "2026-03-01T10:00:00-08:00" },
      TotalAmt: 100,
    });
    expect(res).toEqual({
      ok: true,
      value: { id: "130", deleted: false, updatedAt: new Date("2026-03-01T18:00:00Z") },
    });
  });

  it("reads a CDC tombstone as deleted", () => {
    expect(parseChangeRef({ Id: 7, status: "Deleted", MetaData: {} })).toEqual({
      ok: true,
      value: { id: "7", deleted: true },
    });
  });

  it("classifies a row without an id as malformed instead of throwing", () => {
    const res = parseChangeRef({ DisplayName: "No id" });
    expect(res.ok ? "ok" : [res.error.kind, res.error.vendor]).toEqual(["malformed", "qbo"]);
  });
});

describe("parseEntityId: the id of any entity QBO answered with", () => {
  it("reads the id whatever else the entity carries, and classifies a missing one", () => {
    expect(parseEntityId({ Id: 58, DisplayName: "Acme", Balance: "not a number" })).toEqual({
      ok: true,
      value: "58",
    });
    const res = parseEntityId({ DisplayName: "No id" });
    expect(res.ok ? "ok" : [res.error.kind, res.error.path]).toEqual(["malformed", "Id"]);
  });
});
