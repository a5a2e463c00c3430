import { describe, expect, it } from "vitest";
import type { ContactSettings } from "../../settings/index.ts";
import { exactKey, keysOf } from "./keys.ts";

const settings = (on: { name?: boolean; phone?: boolean } = {}): ContactSettings => ({
  enabled: true,
  direction: "two_way",
  createUpdate: "create_and_update",
  deleteRule: "none",
  winner: "qbo",
  customerAs: "contact",
  matchByNameAndCompany: on.name ?? false,
  matchByPhone: on.phone ?? false,
  filters: { lifecycleStages: [], listIds: [], conditions: [] },
});

describe("match keys, the same for both vendors", () => {
  const person = {
    email: " Ann@X.example ",
    firstName: "Ann",
    lastName: "Lee",
    company: "Acme",
    phone: "+1 555",
  };

  it("tries a contact's e-mail, then name and company, then phone, as the settings allow", () => {
    expect(keysOf("contact", person, settings()).map((k) => k.key)).toEqual(["email:ann@x.example"]);
    expect(keysOf("contact", person, settings({ name: true, phone: true })).map((k) => k.key)).toEqual([
      "email:ann@x.example",
      "name and company:ann|lee|acme",
      "phone:+1 555",
    ]);
  });

  it("leaves out a key with an empty part", () => {
    const keys = keysOf("contact", { firstName: "Ann", lastName: "Lee" }, settings({ name: true }));
    expect(keys).toEqual([]);
  });

  it("matches a company on its name and a product on its SKU, then its name", () => {
    expect(
      keysOf("company", { name: "ＡＣＭＥ  Ltd", domain: "acme.example" }, settings()).map((k) => k.key),
    ).toEqual(["name:acme ltd"]);
    expect(keysOf("product", { name: "Hour", sku: "CONS-HR" }, settings()).map((k) => [k.by, k.key])).toEqual(
      [
        ["SKU", "SKU:cons-hr"],
        ["name", "name:hour"],
      ],
    );
  });

  it("keeps the raw values for a vendor search", () => {
    expect(keysOf("contact", person, settings())[0]?.parts).toEqual([["email", " Ann@X.example "]]);
  });

  it("builds the exact key of a record we created, which no identity key can equal", () => {
    expect(exactKey("123:45")).toEqual({ by: "key", key: "key:123:45", parts: [] });
  });
});
