import { describe, expect, it } from "vitest";
import { dueDateFor } from "./terms.ts";

describe("due date from payment terms (I6)", () => {
  it.each([
    [{ dueDays: 30 }, "2026-01-15", "2026-02-14"],
    [{ dueDays: 0 }, "2026-03-31", "2026-03-31"],
    [{ dueDays: 15 }, "2026-12-20", "2027-01-04"],
    [{ dayOfMonthDue: 25, dueNextMonthDays: 5 }, "2026-04-10", "2026-04-25"],
    [{ dayOfMonthDue: 25, dueNextMonthDays: 5 }, "2026-04-22", "2026-05-25"],
    [{ dayOfMonthDue: 10 }, "2026-04-22", "2026-05-10"],
    [{ dayOfMonthDue: 31 }, "2026-02-10", "2026-02-28"],
    [{ dayOfMonthDue: 31, dueNextMonthDays: 30 }, "2026-12-15", "2027-01-31"],
  ])("%j on %s is due %s", (term, date, due) => {
    expect(dueDateFor(term, date)).toBe(due);
  });

  it("refuses a malformed date", () => {
    expect(() => dueDateFor({ dueDays: 1 }, "15/01/2026")).toThrow();
  });
});
