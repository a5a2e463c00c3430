import { describe, expect, it } from "vitest";
import { norm, sameText } from "./normalize.ts";

describe("the one normalisation (I3, I4)", () => {
  it.each([
    ["  Acme   Ltd ", "acme ltd"],
    ["ＡＣＭＥ　株式会社", "acme 株式会社"],
    ["Birds@Intuit.COM", "birds@intuit.com"],
    ["tab\tand\nnewline", "tab and newline"],
    [undefined, ""],
    [null, ""],
  ])("norm(%o) is %o", (input, expected) => {
    expect(norm(input)).toBe(expected);
  });

  it("calls two texts the same only when both have something in them", () => {
    expect(sameText("Bill's  Windsurf", "bill's windsurf")).toBe(true);
    expect(sameText("", "")).toBe(false);
    expect(sameText(undefined, " ")).toBe(false);
    expect(sameText("a", "b")).toBe(false);
  });
});
