import { describe, expect, it } from "vitest";
import { perSecond, qboBuckets, type BucketSpec } from "../../../connectors/rate-budget.ts";
import { chunkSizeOf, createsBoundSeconds, mixFor, planCreates, type Planned } from "./plan.ts";

const INTUIT = { perMinute: 500, perSecond: 10, batchPerMinute: 40, batchSize: 30 };
const buckets = qboBuckets("r1", { batch: true });
const bucket = (suffix: string) => buckets.find((b) => b.key.endsWith(suffix))!;
const mix = mixFor(perSecond(bucket(":minute")), perSecond(bucket(":batch")), 30);

/**
 * The engine's QBO writes, replayed on a virtual timeline: chunks one after the other, the
 * requests of a chunk in flight together, each sent the moment every window it spends (the
 * budget's own specs) has room. Returns each request's kind and time.
 */
function simulate(records: number): Array<{ kind: "batch" | "single"; atMs: number }> {
  const single = qboBuckets("r1");
  const granted = new Map<string, number[]>(buckets.map((b) => [b.key, []]));
  const room = (b: BucketSpec) => granted.get(b.key)!.filter((t) => t > now - b.windowMs).length < b.limit;
  const sent: Array<{ kind: "batch" | "single"; atMs: number }> = [];
  let now = 0;
  const ids = Array.from({ length: records }, (_, i) => i);
  for (let at = 0; at < ids.length; at += chunkSizeOf(mix)) {
    let waiting: Array<Planned<number>> = planCreates(ids.slice(at, at + chunkSizeOf(mix)), mix);
    while (waiting.length) {
      waiting = waiting.filter((request) => {
        const spends = "batch" in request ? buckets : single;
        if (!spends.every(room)) return true;
        for (const b of spends) granted.get(b.key)!.push(now);
        sent.push({ kind: "batch" in request ? "batch" : "single", atMs: now });
        return false;
      });
      if (!waiting.length) break;
      now += 10;
    }
  }
  return sent;
}

describe("QBO create plan (ADR 0032)", () => {
  it("derives 2 batches and 23 singles a chunk from the budget's windows", () => {
    // Intuit's own proportion: 460 singles beside 40 batches a minute is 11.5 per batch.
    expect(mix).toEqual({ batchSize: 30, batches: 2, singles: 23 });
    expect(chunkSizeOf(mix)).toBe(83);
  });

  it("splits a chunk into full batches first, then singles; a short chunk goes one by one", () => {
    const kinds = (n: number) =>
      planCreates(
        Array.from({ length: n }, (_, i) => i),
        mix,
      ).map((p) => ("batch" in p ? `b${p.batch.length}` : "s"));
    expect(kinds(83)).toEqual(["b30", "b30", ...Array(23).fill("s")]);
    expect(kinds(50)).toEqual(["b30", ...Array(20).fill("s")]);
    expect(kinds(10)).toEqual(Array(10).fill("s"));
    // Every record is planned exactly once.
    const all = planCreates(
      Array.from({ length: 83 }, (_, i) => i),
      mix,
    ).flatMap((p) => ("batch" in p ? p.batch : [p.single]));
    expect(all.sort((a, b) => a - b)).toEqual(Array.from({ length: 83 }, (_, i) => i));
  });

  it("prints the bound from every window: 2,000 creates need about 72 s, not 100 s of batches", () => {
    expect(createsBoundSeconds(2000, INTUIT)).toBeCloseTo((2000 / 1660) * 60, 5);
    expect(createsBoundSeconds(2000, INTUIT, 1)).toBeCloseTo(72.41, 1);
  });

  it("uses singles and batches within every window of Intuit's limits, close to the bound", () => {
    const sent = simulate(2000);
    const batches = sent.filter((s) => s.kind === "batch");
    const singles = sent.filter((s) => s.kind === "single");
    expect(batches.length * 30 + singles.length).toBe(2000);
    expect(batches.length).toBeGreaterThan(0);
    expect(singles.length).toBeGreaterThan(0);
    for (const s of sent) {
      const within = (ms: number, of = sent) =>
        of.filter((o) => o.atMs > s.atMs - ms && o.atMs <= s.atMs).length;
      expect(within(60_000)).toBeLessThanOrEqual(INTUIT.perMinute);
      expect(within(1_000)).toBeLessThanOrEqual(INTUIT.perSecond);
      expect(within(60_000, batches)).toBeLessThanOrEqual(INTUIT.batchPerMinute);
    }
    const seconds = sent.at(-1)!.atMs / 1000;
    expect(seconds).toBeLessThanOrEqual(1.2 * createsBoundSeconds(2000, INTUIT));
    // Batches alone would need 67 batches at 40 a minute: over 100 s.
    expect(seconds).toBeLessThan((Math.ceil(2000 / 30) / 40) * 60);
  });
});
