import { describe, expect, it } from "vitest";
import { matchCustomer, uniqueDisplayName, type QboCustomerLite } from "./customer-match.ts";

const c = (id: string, displayName: string, extra: Partial<QboCustomerLite> = {}): QboCustomerLite => ({
  id,
  displayName,
  active: true,
  ...extra,
});

describe("customer matching (I3)", () => {
  const customers = [
    c("1", "Amy's Bird Sanctuary", { email: "Birds@Intuit.com" }),
    c("2", "Bill's Windsurf Shop", { companyName: "Bill's Windsurf Shop" }),
    c("3", "Old Amy", { email: "old@x.example", active: false }),
    c("4", "Twin A", { email: "twin@x.example" }),
    c("5", "Twin B", { email: "twin@x.example" }),
  ];

  it("matches by email first, case-insensitively", () => {
    expect(
      matchCustomer({ email: " birds@intuit.com ", name: "Bill's Windsurf Shop" }, customers),
    ).toMatchObject({
      kind: "matched",
      customer: { id: "1" },
      by: "email",
    });
  });

  it("then by display name or company name", () => {
    expect(
      matchCustomer({ email: "nobody@x.example", companyName: "bill's  windsurf shop" }, customers),
    ).toMatchObject({
      kind: "matched",
      customer: { id: "2" },
      by: "name",
    });
  });

  it("never guesses between two candidates, and ignores inactive customers", () => {
    expect(matchCustomer({ email: "twin@x.example" }, customers).kind).toBe("ambiguous");
    expect(matchCustomer({ email: "old@x.example" }, customers).kind).toBe("none");
  });
});

describe("unique DisplayName (never QBO's 6240)", () => {
  it("keeps a free name and suffixes a taken one deterministically", () => {
    expect(uniqueDisplayName("Acme Ltd", ["Other"])).toBe("Acme Ltd");
    expect(uniqueDisplayName("Acme Ltd", ["acme ltd", "Acme Ltd (2)"])).toBe("Acme Ltd (3)");
    expect(uniqueDisplayName("  ", [])).toBe("Customer");
  });
});
