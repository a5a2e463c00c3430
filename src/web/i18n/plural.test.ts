import { describe, expect, it } from "vitest";
import { en } from "./en.ts";
import { ja } from "./ja.ts";
import { translator } from "./index.ts";
import { plural } from "./plural.ts";

describe("plural (ADR 0037)", () => {
  it("picks the English category by count, and fills the count", () => {
    const t = translator("en");
    expect(plural(t, "en", "addInvoice.added", 1)).toBe("1 invoice added to this record.");
    expect(plural(t, "en", "addInvoice.added", 2)).toBe("2 invoices added to this record.");
    expect(plural(t, "en", "addInvoice.added", 0)).toBe("0 invoices added to this record.");
    expect(plural(t, "en", "addInvoice.added", 1200)).toBe("1,200 invoices added to this record.");
  });

  it("uses Japanese's one category, other, for every count", () => {
    const t = translator("ja");
    expect(plural(t, "ja", "addInvoice.added", 1)).toBe(ja["addInvoice.added.other"].replace("{count}", "1"));
    expect(plural(t, "ja", "addInvoice.added", 3)).toBe(ja["addInvoice.added.other"].replace("{count}", "3"));
  });
});

describe("the message catalogues", () => {
  it("have the same keys in English and Japanese", () => {
    const missingInJa = Object.keys(en).filter((k) => !(k in ja));
    const missingInEn = Object.keys(ja).filter((k) => !(k in en));
    expect({ missingInJa, missingInEn }).toEqual({ missingInJa: [], missingInEn: [] });
  });

  it('never write a plural as "(s)" (ADR 0037: a .one / .other pair instead)', () => {
    const withS = [...Object.entries(en), ...Object.entries(ja)].filter(([, v]) => /\(s\)/.test(v));
    expect(withS.map(([k]) => k)).toEqual([]);
  });
});
