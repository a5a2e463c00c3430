import { describe, expect, it } from "vitest";
import { dateInTimeZone, isCalendarDate } from "./dates.ts";

it.each([
  ["2026-02-28", true],
  ["2028-02-29", true],
  ["2026-02-29", false],
  ["2026-02-30", false],
  ["2026-13-01", false],
  ["2026-1-01", false],
  ["tomorrow", false],
  ["", false],
])("%s is a calendar date: %s", (s, expected) => {
  expect(isCalendarDate(s)).toBe(expected);
});

describe("dateInTimeZone", () => {
  // 2026-05-31 15:30 UTC is already 2026-06-01 00:30 in Tokyo, still the 31st in Los Angeles.
  const at = new Date("2026-05-31T15:30:00Z");

  it.each([
    ["Asia/Tokyo", "2026-06-01"],
    ["UTC", "2026-05-31"],
    ["America/Los_Angeles", "2026-05-31"],
  ])("in %s it is %s", (zone, expected) => {
    expect(dateInTimeZone(zone, at)).toBe(expected);
  });

  it("pads month and day to two digits (ISO form, comparable as strings)", () => {
    expect(dateInTimeZone("UTC", new Date("2026-01-02T12:00:00Z"))).toBe("2026-01-02");
  });

  it("refuses a time zone that is not one", () => {
    expect(() => dateInTimeZone("Mars/Olympus_Mons", at)).toThrow(RangeError);
  });
});
