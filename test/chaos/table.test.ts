import { describe, expect, it } from "vitest";
import { formatTable, misses, type Row } from "./table.ts";
import { tally } from "./vendors.ts";

const row = (over: Partial<Row> = {}): Row => ({
  scenario: "invoice-push",
  backend: "postgres",
  faults: 12,
  kills: 0,
  expected: 10,
  created: 10,
  lost: 0,
  duplicated: 0,
  wallMs: 30_000,
  baselineMs: 20_000,
  stillMs: 0,
  timedOut: false,
  ...over,
});

describe("the chaos table", () => {
  it("counts lost and duplicated from the keys the vendors show, not from how many rows there are", () => {
    expect(tally(["a", "b", "c"], ["a", "a", "a", "c", "stranger"])).toEqual({
      created: 2,
      lost: 1,
      duplicated: 2,
    });
  });

  it("holds each row to the issue's targets: nothing lost or doubled, ≤ 2× the fault-free wall, resumed in 60 s", () => {
    expect(misses(row())).toEqual([]);
    expect(misses(row({ lost: 1, duplicated: 2 }))).toEqual(["1 lost", "2 duplicated"]);
    expect(misses(row({ wallMs: 50_000 }))).toEqual(["wall 2.5× > 2×"]);
    expect(misses(row({ faults: 0, wallMs: 50_000 }))).toEqual([]); // a kill-only run has no ratio target
    // Kills: the time the work stood still after them (each within 60 s) is left out of the ratio.
    expect(misses(row({ kills: 3, wallMs: 50_000, stillMs: 12_000, resumeMs: 5_000 }))).toEqual([]);
    expect(misses(row({ kills: 3, wallMs: 50_000, stillMs: 8_000, resumeMs: 5_000 }))).toEqual([
      "wall 2.1× > 2×",
    ]);
    expect(misses(row({ resumeMs: 61_000, timedOut: true }))).toEqual(["timed out", "resumed after > 60 s"]);
  });

  it("prints one aligned line per run with its ratio and verdict", () => {
    const text = formatTable([row(), row({ scenario: "x", lost: 3 })]);
    const lines = text.split("\n");
    expect(lines).toHaveLength(4);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    expect(lines[2]).toContain("| 1.50 ");
    expect(lines[3]).toContain("FAIL: 3 lost");
  });
});
