import { expect, it } from "vitest";
import { isCalendarDate } from "./dates.ts";

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
