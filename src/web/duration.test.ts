import { describe, expect, it } from "vitest";
import { formatDuration } from "./duration.ts";

describe("formatDuration (ETAs in hours and minutes)", () => {
  it("says hours and minutes in English, with plurals", () => {
    expect(formatDuration(60, "en")).toBe("1 minute");
    expect(formatDuration(61, "en")).toBe("2 minutes");
    expect(formatDuration(3600, "en")).toBe("1 hour");
    expect(formatDuration(2 * 3600 + 5 * 60, "en")).toBe("2 hours, 5 minutes");
    expect(formatDuration(3600 + 60, "en")).toBe("1 hour, 1 minute");
  });

  it("says them in Japanese", () => {
    expect(formatDuration(2 * 3600 + 5 * 60, "ja")).toBe("2 時間 5 分");
    expect(formatDuration(90, "ja")).toBe("2 分");
  });

  it("leaves less than a minute to the page's own words", () => {
    expect(formatDuration(0, "en")).toBeUndefined();
    expect(formatDuration(30, "en")).toBe("1 minute");
  });
});
