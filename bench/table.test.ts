import { describe, expect, it } from "vitest";
import { formatTable, percentiles } from "./table.ts";

describe("the bench table", () => {
  it("takes nearest-rank percentiles", () => {
    const samples = Array.from({ length: 50 }, (_, i) => 50 - i); // 1..50, unsorted
    expect(percentiles(samples)).toEqual({ count: 50, p50: 25, p95: 48, max: 50 });
    expect(percentiles([7])).toEqual({ count: 1, p50: 7, p95: 7, max: 7 });
    expect(percentiles([]).count).toBe(0);
  });

  it("prints every figure with its goal, ratio and verdict, and the database", () => {
    const table = formatTable("pglite", [
      { kind: "wall", name: "100,000 QBO → HubSpot", wallMs: 115_900, boundMs: 91_000, goalRatio: 1.1 },
      { kind: "wall", name: "2,000 HubSpot → QBO", wallMs: 80_000, boundMs: 72_000, goalRatio: 1.2 },
      { kind: "memory", name: "peak memory of the 100,000 sync", mb: 871.4, goalMb: 400 },
      { kind: "memory", name: "demo at rest", mb: 350, goalMb: 400, note: "3 processes" },
      {
        kind: "latency",
        name: "QBO change → deal property",
        ms: { count: 50, p50: 300, p95: 900, max: 1200 },
        goalP95Ms: 1000,
      },
      {
        kind: "latency",
        name: "HubSpot edit → QBO customer",
        ms: { count: 5, p50: 300, p95: 400, max: 500 },
        goalP95Ms: 1000,
      },
      { kind: "skipped", name: "x | y", why: "BENCH_ONLY=latency" },
    ]);
    const lines = table.split("\n");
    expect(lines[0]).toBe("Database: embedded (PGlite)");
    expect(lines[2]).toBe("| figure | measured | goal | ratio | |");
    expect(lines[4]).toBe("| 100,000 QBO → HubSpot | 115.9 s ÷ 91.0 s | ≤ 1.10 | 1.27 | MISSED |");
    expect(lines[5]).toBe("| 2,000 HubSpot → QBO | 80.0 s ÷ 72.0 s | ≤ 1.20 | 1.11 | met |");
    expect(lines[6]).toBe("| peak memory of the 100,000 sync | 871 MB | < 400 MB | 2.18 | MISSED |");
    expect(lines[7]).toBe("| demo at rest | 350 MB (3 processes) | < 400 MB | 0.88 | met |");
    expect(lines[8]).toBe(
      "| QBO change → deal property | p50 300 ms, p95 900 ms, max 1200 ms over 50 | p95 ≤ 1000 ms | 0.90 | met |",
    );
    expect(lines[9]).toContain("| too few |"); // fewer than the 50 changes the issue asks for
    expect(lines[10]).toBe("| x \\| y | not run (BENCH_ONLY=latency) |  |  |  |");
    expect(formatTable("postgres", [])).toMatch(/^Database: PostgreSQL/);
  });
});
