import { describe, expect, it } from "vitest";
import { backoffMs } from "../../queue/queue.ts";
import { pullQboChanges } from "./jobs.ts";

describe("pull-qbo-changes retries", () => {
  it("comes back within 2 s after its first failure, and backs off from there", () => {
    const longest = () => 0.999_999;
    expect(backoffMs(pullQboChanges.retry, 0, longest)).toBeLessThanOrEqual(2000);
    expect(backoffMs(pullQboChanges.retry, 3, longest)).toBeGreaterThan(8000);
  });
});
