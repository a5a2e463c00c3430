import { describe, expect, it } from "vitest";
import { planFields, rememberWritten, same } from "./plan.ts";

const pairs = [
  { source: "PrimaryEmailAddr.Address", target: "email" },
  { source: "GivenName", target: "firstname" },
  { source: "PrimaryPhone.FreeFormNumber", target: "phone" },
];

describe("planFields (loop and echo safety, conflicts, empty values)", () => {
  it("creates with every non-empty value", () => {
    const plan = planFields({
      pairs,
      source: { "PrimaryEmailAddr.Address": "a@x.example", GivenName: "Ann" },
      target: undefined,
      lastToTarget: {},
      lastToSource: {},
      targetWins: false,
    });
    expect(plan.changes).toEqual({ email: "a@x.example", firstname: "Ann" });
  });

  it("drops an echo of what Ledgerlink wrote into the source", () => {
    const plan = planFields({
      pairs,
      source: {
        "PrimaryEmailAddr.Address": "a@x.example",
        GivenName: "Ann",
        "PrimaryPhone.FreeFormNumber": "1",
      },
      target: { email: "a@x.example", firstname: "Anne", phone: "2" },
      lastToTarget: {},
      lastToSource: { GivenName: "Ann", "PrimaryPhone.FreeFormNumber": "1" },
      targetWins: false,
    });
    expect(plan.changes).toEqual({});
    expect(plan.skipped.map((s) => s.why)).toEqual(["unchanged", "echo", "echo"]);
  });

  it("does not rewrite what it already wrote", () => {
    const plan = planFields({
      pairs: [pairs[1]!],
      source: { GivenName: "Ann" },
      target: { firstname: "Ann" },
      lastToTarget: { firstname: "Ann" },
      lastToSource: {},
      targetWins: false,
    });
    expect(plan.changes).toEqual({});
  });

  it("never wipes a value with an empty one, unless Ledgerlink wrote it (the user cleared it)", () => {
    const base = {
      pairs: [pairs[2]!],
      source: {},
      target: { phone: "555" },
      lastToSource: {},
      targetWins: false,
    };
    expect(planFields({ ...base, lastToTarget: {} }).skipped[0]?.why).toBe("empty");
    expect(planFields({ ...base, lastToTarget: { phone: "555" } }).changes).toEqual({ phone: null });
  });

  it("follows the winner when both sides changed a field", () => {
    const input = {
      pairs: [pairs[1]!],
      source: { GivenName: "From QBO" },
      target: { firstname: "From HubSpot" },
      lastToTarget: { firstname: "Original" },
      lastToSource: { GivenName: "Original" },
    };
    expect(planFields({ ...input, targetWins: true }).skipped[0]?.why).toBe("conflict");
    expect(planFields({ ...input, targetWins: false }).changes).toEqual({ firstname: "From QBO" });
  });

  it("compares numbers numerically and remembers cleared values", () => {
    expect(same("12.50", "12.5")).toBe(true);
    expect(same(" a ", "a")).toBe(true);
    expect(same("", undefined)).toBe(true);
    expect(same("1", "01a")).toBe(false);
    expect(rememberWritten({ a: "1" }, { a: null, b: "2" })).toEqual({ a: "", b: "2" });
  });
});
