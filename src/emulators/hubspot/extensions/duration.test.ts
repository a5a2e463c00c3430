import { describe, expect, it } from "vitest";
import { durationMs } from "./duration.ts";

describe("ISO-8601 durations for hs_expiration_duration (X-HS)", () => {
  it("reads weeks, days and times, including HubSpot's P1WT1H", () => {
    expect(durationMs("P1W")).toBe(7 * 24 * 3600_000);
    expect(durationMs("P1WT1H")).toBe(7 * 24 * 3600_000 + 3600_000);
    expect(durationMs("P2DT3H4M5S")).toBe(((2 * 24 + 3) * 60 + 4) * 60_000 + 5000);
    expect(durationMs("PT0.5S")).toBe(500);
  });

  it("refuses what is not a duration", () => {
    for (const bad of ["", "P", "PT", "1W", "P1Y", "P1M", "soon"]) expect(durationMs(bad)).toBeUndefined();
  });
});
