import { describe, expect, it } from "vitest";
import { matchCustomer } from "../../record-sync/identity/customer-match.ts";
import {
  customerChoices,
  newCustomerPrefill,
  partyFromCompany,
  partyFromContact,
  wantedDisplayName,
} from "./customer.ts";

const jane = partyFromContact({
  id: "201",
  firstName: " Jane ",
  lastName: "Doe",
  email: "jane.doe@acme.example.com",
  company: "Acme Corporation",
  mobilePhone: "+1 555 0100",
});

describe("wizard customer: who stands for the customer and what a new one is prefilled with (I3)", () => {
  it("reads a contact: name, email, company, and the mobile phone when there is no phone", () => {
    expect(jane).toEqual({
      objectType: "contacts",
      objectId: "201",
      label: "Jane Doe",
      email: "jane.doe@acme.example.com",
      name: "Jane Doe",
      givenName: "Jane",
      familyName: "Doe",
      companyName: "Acme Corporation",
      phone: "+1 555 0100",
    });
  });

  it("labels a contact without a name by its email, and reads a company by its name", () => {
    expect(partyFromContact({ id: "7", email: "x@y.example", firstName: "  " })).toMatchObject({
      label: "x@y.example",
    });
    expect(partyFromCompany({ id: "9", name: "Globex Japan K.K.", phone: "03-1234" })).toEqual({
      objectType: "companies",
      objectId: "9",
      label: "Globex Japan K.K.",
      name: "Globex Japan K.K.",
      companyName: "Globex Japan K.K.",
      phone: "03-1234",
    });
  });

  it("prefills a new customer from HubSpot with a display name no customer has, inactive ones included", () => {
    const prefill = newCustomerPrefill(jane, undefined, ["Jane Doe", "jane doe (2)"]);
    expect(prefill.fields).toEqual({
      displayName: "Jane Doe (3)",
      givenName: "Jane",
      familyName: "Doe",
      companyName: "Acme Corporation",
      email: "jane.doe@acme.example.com",
      phone: "+1 555 0100",
    });
    expect(prefill.renamedFrom).toBe("Jane Doe");
    expect(newCustomerPrefill(jane, undefined, []).renamedFrom).toBeUndefined();
  });

  it("keeps what the user typed for the new customer, as typed", () => {
    const saved = { kind: "new" as const, displayName: "Jane Doe", email: "typed@example.com" };
    expect(newCustomerPrefill(jane, saved, ["Jane Doe"]).fields).toMatchObject({
      displayName: "Jane Doe",
      email: "typed@example.com",
      companyName: "",
    });
  });

  it.each([
    [undefined, ""],
    [partyFromCompany({ id: "1", name: "Acme: Widgets" }), "Acme - Widgets"],
    [partyFromContact({ id: "2", company: "Initech" }), "Initech"],
  ])("wants the display name of %o to be %o (no colon: QBO refuses it)", (party, name) => {
    expect(wantedDisplayName(party)).toBe(name);
  });

  it("lists the match's candidates first, then the chosen customer, then the rest, up to a limit", () => {
    const customers = ["Amy", "Bill", "Cool Cars", "Diego", "Jane Doe"].map((n, i) => ({
      id: String(i + 1),
      displayName: n,
      active: true,
      email: n === "Jane Doe" ? "jane.doe@acme.example.com" : undefined,
    }));
    const match = matchCustomer(jane, customers);
    expect(match).toMatchObject({ kind: "matched", by: "email" });
    const { list, truncated } = customerChoices(customers, match, "3", 3);
    expect(list.map((c) => c.displayName)).toEqual(["Jane Doe", "Cool Cars", "Amy"]);
    expect(truncated).toBe(true);
    expect(customerChoices(customers, undefined, undefined, 10)).toEqual({
      list: customers,
      truncated: false,
    });
  });
});
