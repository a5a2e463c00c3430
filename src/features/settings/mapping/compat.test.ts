import { describe, expect, it } from "vitest";
import { compatibility, type HubSpotPropertyInfo } from "./compat.ts";
import { qboField } from "./qbo-fields.ts";

const hs = (type: string, extra: Partial<HubSpotPropertyInfo> = {}): HubSpotPropertyInfo => ({
  name: "p",
  label: "P",
  type,
  fieldType: "text",
  readOnly: false,
  ...extra,
});

describe("mapping compatibility (M2: incompatible types refused, one-way pairs offered one way)", () => {
  it("offers text ↔ text both ways", () => {
    expect(compatibility("contact", hs("string"), qboField("contact", "GivenName")!)).toEqual({
      ok: true,
      directions: ["to_hubspot", "to_qbo", "both"],
    });
  });

  it("lets money go into HubSpot text but never back", () => {
    expect(compatibility("product", hs("string"), qboField("product", "UnitPrice")!)).toEqual({
      ok: true,
      directions: ["to_hubspot"],
    });
  });

  it("refuses a number property against a text field, and free text into an enumeration", () => {
    expect(compatibility("contact", hs("number"), qboField("contact", "GivenName")!)).toEqual({
      ok: false,
      reason: "mappings.refuse.types",
    });
    const enumToText = compatibility("contact", hs("enumeration"), qboField("contact", "Notes")!);
    expect(enumToText).toEqual({ ok: true, directions: ["to_qbo"] });
    expect(compatibility("product", hs("enumeration"), qboField("product", "UnitPrice")!)).toEqual({
      ok: false,
      reason: "mappings.refuse.enumeration",
    });
  });

  it("keeps QBO's computed fields and all invoice fields one way to HubSpot", () => {
    expect(compatibility("contact", hs("number"), qboField("contact", "Balance")!)).toEqual({
      ok: true,
      directions: ["to_hubspot"],
    });
    expect(compatibility("invoice", hs("date"), qboField("invoice", "DueDate")!)).toEqual({
      ok: true,
      directions: ["to_hubspot"],
    });
  });

  it("keeps HubSpot's calculated properties one way to QBO, and refuses when neither side can be written", () => {
    expect(compatibility("contact", hs("string", { readOnly: true }), qboField("contact", "Notes")!)).toEqual(
      {
        ok: true,
        directions: ["to_qbo"],
      },
    );
    expect(
      compatibility("contact", hs("number", { readOnly: true }), qboField("contact", "Balance")!),
    ).toEqual({
      ok: false,
      reason: "mappings.refuse.bothReadOnly",
    });
    expect(compatibility("contact", hs("bool"), qboField("contact", "Active")!)).toEqual({
      ok: true,
      directions: ["to_hubspot"],
    });
  });

  it("maps dates to dates (and into HubSpot datetimes one way)", () => {
    expect(compatibility("invoice", hs("datetime"), qboField("invoice", "TxnDate")!)).toEqual({
      ok: true,
      directions: ["to_hubspot"],
    });
    expect(compatibility("invoice", hs("number"), qboField("invoice", "TxnDate")!)).toMatchObject({
      ok: false,
    });
  });
});
