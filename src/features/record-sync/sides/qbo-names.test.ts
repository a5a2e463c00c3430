import { describe, expect, it } from "vitest";
import { wantedName } from "./qbo-names.ts";

describe("the name of a new QBO customer or item", () => {
  it.each([
    [{ firstName: "Hank", lastName: "Scorpio", company: "Globex" }, "Globex (Hank Scorpio)"],
    [{ firstName: "Hank", lastName: "Scorpio" }, "Hank Scorpio"],
    [{ company: "Globex", email: "h@globex.example" }, "Globex"],
    [{ email: "h@globex.example" }, "h@globex.example"],
    [{}, "Contact 7"],
  ])("a contact %o is %s", (who, name) => {
    expect(wantedName("contact", who, "7")).toBe(name);
  });

  it("names a company by its name, then its domain, and a product by its name, then its SKU", () => {
    expect(wantedName("company", { name: "Acme", domain: "acme.example" }, "7")).toBe("Acme");
    expect(wantedName("company", { domain: "acme.example" }, "7")).toBe("acme.example");
    expect(wantedName("company", {}, "7")).toBe("Company 7");
    expect(wantedName("product", { sku: "CONS-HR" }, "7")).toBe("CONS-HR");
    expect(wantedName("product", {}, "7")).toBe("Product 7");
  });
});
