import { describe, expect, it } from "vitest";
import { addDays, failureOutputs, parseInputs } from "./inputs.ts";

describe("the workflow action's inputs (W2)", () => {
  it("reads HubSpot's strings and numbers, defaulting to leave unsent", () => {
    expect(parseInputs({ qbo_company: "conn-us", due_in_days: 30, terms: " Net 30 ", message: "" })).toEqual({
      ok: true,
      value: { connectionId: "conn-us", dueInDays: 30, terms: "Net 30", send: false, message: undefined },
    });
    expect(parseInputs({ qbo_company: "c", send: "send", due_in_days: "0" })).toMatchObject({
      ok: true,
      value: { send: true, dueInDays: 0 },
    });
  });

  it.each([
    [{}, "missing_company", ""],
    [{ qbo_company: "c", send: "later" }, "bad_send", "later"],
    [{ qbo_company: "c", due_in_days: "-1" }, "bad_due_in_days", "-1"],
    [{ qbo_company: "c", due_in_days: "2.5" }, "bad_due_in_days", "2.5"],
    [{ qbo_company: "c", due_in_days: "3651" }, "bad_due_in_days", "3651"],
    [{ qbo_company: "c", message: "x".repeat(1001) }, "bad_message", "1001"],
  ])("refuses %j with %s", (raw, code, detail) => {
    expect(parseInputs(raw)).toEqual({ ok: false, error: { code, detail } });
  });

  it("fails with FAIL_CONTINUE so the workflow goes on, and counts due days on the calendar", () => {
    expect(failureOutputs({ code: "no_lines", detail: "7" })).toEqual({
      hs_execution_state: "FAIL_CONTINUE",
      errorCode: "no_lines",
      errorDetail: "7",
    });
    expect(addDays("2026-02-20", 10)).toBe("2026-03-02");
  });
});
