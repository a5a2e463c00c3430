import { describe, expect, it } from "vitest";
import { translator } from "../../web/i18n/index.ts";
import { TRAVEL_DAYS, demoDate, travelLabel } from "../../web/demo-banner.tsx";
import { backPath, parseTravelDays, travelMs } from "./travel.ts";

describe("the demo's travel choices", () => {
  it("accepts only the banner's choices", () => {
    expect(TRAVEL_DAYS.map((d) => parseTravelDays(String(d)))).toEqual([1, 7, 30, 40]);
    for (const bad of ["0", "2", "-1", "40.5", "1e1", " 1", "", "041x", undefined, 40, ["1"]])
      expect(parseTravelDays(bad), String(bad)).toBeUndefined();
    expect(travelMs(40)).toBe(40 * 86_400_000);
  });

  it("labels them with the right plural, in English and Japanese", () => {
    const en = translator("en");
    const ja = translator("ja");
    expect(TRAVEL_DAYS.map((d) => travelLabel(en, d))).toEqual(["1 day", "1 week", "30 days", "40 days"]);
    expect(TRAVEL_DAYS.map((d) => travelLabel(ja, d))).toEqual(["1日", "1週間", "30日", "40日"]);
  });

  it("shows the demo's date in UTC, in each language", () => {
    const now = new Date("2027-01-14T09:05:00Z");
    expect(demoDate("en", now)).toBe("14 Jan 2027, 09:05 UTC");
    expect(demoDate("ja", now)).toBe("2027/01/14 9:05 UTC");
  });

  it("sends the person back only to a path of ours", () => {
    expect(backPath("/invoices?status=overdue")).toBe("/invoices?status=overdue");
    for (const bad of ["//evil.example/x", "/\\evil.example", "https://evil.example/", "invoices", "/a b", 7])
      expect(backPath(bad), String(bad)).toBe("/");
  });
});
