import { describe, expect, it } from "vitest";
import { backoffMs } from "./queue.ts";

describe("backoffMs (the wait before a failed job's next attempt)", () => {
  const policy = { delaySeconds: 15, backoff: true, maxDelaySeconds: 300 };
  const top = () => 0.999_999; // the jitter at its longest: the whole step

  it("doubles from delaySeconds with each failure, up to maxDelaySeconds", () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => Math.round(backoffMs(policy, n, top) / 1000))).toEqual([
      15, 30, 60, 120, 240, 300,
    ]);
  });

  it("jitters between half the step and the whole of it", () => {
    expect(backoffMs(policy, 1, () => 0)).toBe(15_000);
    expect(backoffMs(policy, 1, () => 0.5)).toBe(22_500);
  });

  it("waits delaySeconds every time without backoff", () => {
    expect(backoffMs({ ...policy, backoff: false }, 7, top)).toBe(15_000);
  });
});
