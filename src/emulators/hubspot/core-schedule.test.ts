import { describe, expect, it } from "vitest";
import { WEBHOOK_RETRY_SCHEDULE_MS } from "./core.ts";

describe("webhook retry schedule (X-HS)", () => {
  it("retries 10 times with growing delays, all within HubSpot's 24 hours", () => {
    expect(WEBHOOK_RETRY_SCHEDULE_MS).toHaveLength(10);
    for (let i = 1; i < WEBHOOK_RETRY_SCHEDULE_MS.length; i++)
      expect(WEBHOOK_RETRY_SCHEDULE_MS[i]!).toBeGreaterThan(WEBHOOK_RETRY_SCHEDULE_MS[i - 1]!);
    expect(WEBHOOK_RETRY_SCHEDULE_MS.reduce((a, b) => a + b, 0)).toBeLessThan(24 * 3600 * 1000);
  });
});
