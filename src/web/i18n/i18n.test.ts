import { describe, expect, it } from "vitest";
import { en } from "./en.ts";
import { ja } from "./ja.ts";
import { negotiateLocale, translator } from "./index.ts";

describe("i18n", () => {
  it("has every English key in Japanese, none empty", () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of Object.entries(ja)) expect(value.trim(), key).not.toBe("");
  });

  it("keeps the same placeholders in both languages", () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(placeholders(ja[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it("fills placeholders", () => {
    expect(translator("en")("notYet.title", { page: "Reports" })).toBe("Reports is not available yet");
  });

  it.each([
    [undefined, "ja-JP,ja;q=0.9,en;q=0.8", "ja"],
    [undefined, "fr-FR,en;q=0.5,ja;q=0.7", "ja"],
    [undefined, "de", "en"],
    [undefined, undefined, "en"],
    ["en", "ja", "en"],
    ["xx", "ja", "ja"],
    [undefined, "ja;q=0", "en"],
  ])("negotiates %s / %s → %s", (explicit, header, expected) => {
    expect(negotiateLocale(explicit, header)).toBe(expected);
  });
});
