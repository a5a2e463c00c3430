import { describe, expect, it } from "vitest";
import { decideDetails, followedDueDate, type DetailsForm } from "./details.ts";

const terms = [
  { id: "3", name: "Net 30", dueDays: 30 },
  { id: "2", name: "Net 15", dueDays: 15 },
  { id: "9", name: "15th of the month", dayOfMonthDue: 15, dueNextMonthDays: 5 },
];
const today = "2026-11-02";
const base: DetailsForm = { termId: "", invoiceDate: "", dueDate: "", shownDueDate: "", message: "" };
const decide = (form: Partial<DetailsForm>, edited = false) =>
  decideDetails({ ...base, ...form }, terms, today, { dueDateEdited: edited });

describe("wizard details: terms, dates and the message (I6)", () => {
  it("defaults the invoice date to today and the due date to the term's", () => {
    expect(decide({ termId: "3" })).toEqual({
      ok: true,
      value: {
        termId: "3",
        termName: "Net 30",
        invoiceDate: "2026-11-02",
        dueDate: "2026-12-02",
        dueDateEdited: false,
        message: undefined,
      },
    });
    expect(decide({ termId: "9", invoiceDate: "2026-11-12" })).toMatchObject({
      value: { dueDate: "2026-12-15" },
    });
  });

  it("keeps following the term while the shown due date is posted back unchanged", () => {
    const first = decide({ termId: "3", invoiceDate: today, dueDate: today, shownDueDate: today });
    expect(first).toMatchObject({ value: { dueDate: "2026-12-02", dueDateEdited: false } });
    const switched = decide({ termId: "2", dueDate: "2026-12-02", shownDueDate: "2026-12-02" });
    expect(switched).toMatchObject({ value: { dueDate: "2026-11-17", dueDateEdited: false } });
  });

  it("stops following the term once the user edits the due date, until they empty it", () => {
    const edited = decide({ termId: "3", dueDate: "2026-12-24", shownDueDate: "2026-12-02" });
    expect(edited).toMatchObject({ value: { dueDate: "2026-12-24", dueDateEdited: true } });
    const termChanged = decide({ termId: "2", dueDate: "2026-12-24", shownDueDate: "2026-12-24" }, true);
    expect(termChanged).toMatchObject({ value: { dueDate: "2026-12-24", dueDateEdited: true } });
    const emptied = decide({ termId: "2", dueDate: "", shownDueDate: "2026-12-24" }, true);
    expect(emptied).toMatchObject({ value: { dueDate: "2026-11-17", dueDateEdited: false } });
  });

  it.each([
    [{ termId: "404" }, "term"],
    [{ invoiceDate: "2026-02-30" }, "date"],
    [{ dueDate: "tomorrow" }, "date"],
    [{ invoiceDate: "2026-11-10", dueDate: "2026-11-01", shownDueDate: "2026-11-10" }, "dueBeforeInvoice"],
    [{ message: "x".repeat(1001) }, "message"],
  ])("refuses %o with %s", (form, error) => {
    expect(decide(form)).toEqual({ ok: false, error });
  });

  it("keeps the message's line breaks, trimmed, up to 1,000 characters", () => {
    expect(decide({ message: "  Thanks!\r\nSee you  " })).toMatchObject({
      value: { message: "Thanks!\nSee you" },
    });
    expect(decide({ message: "y".repeat(1000) }).ok).toBe(true);
  });
});

describe("the due date the page's script asks for (issue 20)", () => {
  const follow = (termId: string, invoiceDate: string) =>
    followedDueDate({ termId, invoiceDate }, terms, today);

  it("gives the date the step would save for the same terms and invoice date", () => {
    for (const [termId, invoiceDate] of [
      ["3", ""],
      ["9", "2026-11-12"],
      ["2", "2026-02-20"],
      ["", "2026-10-01"],
    ] as const) {
      const saved = decide({ termId, invoiceDate });
      expect(follow(termId, invoiceDate)).toEqual({ ok: true, value: saved.ok && saved.value.dueDate });
    }
  });

  it("refuses a term that is not QuickBooks' and a date that is not a date", () => {
    expect(follow("77", "2026-11-02")).toEqual({ ok: false, error: "term" });
    expect(follow("3", "2026-02-30")).toEqual({ ok: false, error: "date" });
  });
});
