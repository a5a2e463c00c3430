import { describe, expect, it } from "vitest";
import { parseAccount, partitionAccounts } from "./account.ts";

describe("QBO account wire", () => {
  it("maps an account's id, name and type; a nameless one keeps an empty name", () => {
    expect(parseAccount({ Id: "79", Name: "Sales", AccountType: "Income" })).toEqual({
      ok: true,
      value: { id: "79", name: "Sales", type: "Income" },
    });
    expect(parseAccount({ Id: 80 })).toEqual({ ok: true, value: { id: "80", name: "" } });
  });

  it("leaves out an account without an id", () => {
    const { values, errors } = partitionAccounts([{ Name: "Lost" }, { Id: "1", Name: "Services" }]);
    expect(values.map((a) => a.id)).toEqual(["1"]);
    expect(errors[0]?.path).toBe("Id");
  });
});
