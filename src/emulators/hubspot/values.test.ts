import { describe, expect, it } from "vitest";
import { defaultProperties } from "./default-properties.ts";
import type { PropertyDefinition } from "./property-types.ts";
import { normalizeValue } from "./values.ts";

const ctx = { ownerExists: (id: string) => id === "7" };
const prop = (type: string, name: string): PropertyDefinition => defaultProperties(type).get(name)!;
const value = (type: string, name: string, raw: unknown) => normalizeValue(prop(type, name), raw, ctx);

describe("property values (X-HS)", () => {
  it("stores every type as HubSpot's string form", () => {
    expect(value("deals", "amount", 1500.5)).toEqual({ ok: true, value: "1500.5" });
    expect(value("deals", "closedate", "1714521600000")).toEqual({
      ok: true,
      value: "2024-05-01T00:00:00.000Z",
    });
    expect(value("deals", "closedate", "2024-05-01")).toEqual({
      ok: true,
      value: "2024-05-01T00:00:00.000Z",
    });
    expect(value("invoices", "hs_due_date", "2024-05-01T00:00:00Z")).toEqual({
      ok: true,
      value: "2024-05-01",
    });
    expect(value("deals", "hs_is_closed", true)).toEqual({ ok: true, value: "true" });
    expect(value("deals", "hubspot_owner_id", "7")).toEqual({ ok: true, value: "7" });
    expect(value("contacts", "email", null)).toEqual({ ok: true, value: "" });
  });

  it("refuses what HubSpot refuses, with its error codes", () => {
    const code = (r: ReturnType<typeof value>) => (r.ok ? "ok" : r.issue.error);
    expect(code(value("deals", "amount", " 15"))).toBe("INVALID_DOUBLE");
    expect(code(value("deals", "amount", "1,500"))).toBe("INVALID_DOUBLE");
    expect(code(value("deals", "closedate", "next week"))).toBe("INVALID_DATETIME");
    expect(code(value("invoices", "hs_due_date", "2024-05-01T10:00:00Z"))).toBe("INVALID_DATE");
    expect(code(value("deals", "dealstage", "won"))).toBe("INVALID_OPTION");
    expect(code(value("deals", "hubspot_owner_id", "8"))).toBe("INVALID_OPTION");
    expect(code(value("contacts", "email", "not-an-email"))).toBe("INVALID_EMAIL");
    expect(code(value("deals", "hs_is_closed", "yes"))).toBe("INVALID_BOOLEAN");
    expect(code(value("deals", "dealname", { a: 1 }))).toBe("INVALID_PROPERTY_VALUE");
  });
});
