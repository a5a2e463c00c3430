import { describe, expect, it } from "vitest";
import { companyProperties, parseCompany } from "./company.ts";
import { contactProperties, parseContact, parseContacts } from "./contact.ts";

// Shaped like HubSpot's contact read example (https://developers.hubspot.com/docs/api/crm/contacts).
const contact = {
  id: "512",
  properties: {
    createdate: "2024-06-18T15:42:16.116Z",
    email: "bh@hubspot.com",
    firstname: "Brian",
    hs_object_id: "512",
    lastmodifieddate: "2024-06-19T09:03:04.377Z",
    lastname: "Halligan",
    company: "HubSpot",
    phone: null,
    mobilephone: "",
    lifecyclestage: "customer",
  },
  createdAt: "2024-06-18T15:42:16.116Z",
  updatedAt: "2024-06-19T09:03:04.377Z",
  archived: false,
};

describe("HubSpot contact wire", () => {
  it("maps a contact; null and empty properties are no value", () => {
    const r = parseContact(contact);
    expect(r.ok && r.value).toEqual({
      id: "512",
      archived: false,
      updatedAt: new Date("2024-06-19T09:03:04.377Z"),
      email: "bh@hubspot.com",
      firstName: "Brian",
      lastName: "Halligan",
      company: "HubSpot",
      lifecycleStage: "customer",
    });
  });

  it("classifies a non-string property or a missing id as malformed", () => {
    const bad = parseContacts([contact, { ...contact, id: "9", properties: { email: 42 } }]);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error).toMatchObject({
      kind: "malformed",
      vendor: "hubspot",
      entity: "contacts",
      path: "1.properties.email",
    });
    expect(parseContact({ properties: {} }).ok).toBe(false);
  });

  it("builds property maps with only the fields given", () => {
    expect(contactProperties({ email: "jane@example.com", firstName: "Jane", phone: undefined })).toEqual({
      email: "jane@example.com",
      firstname: "Jane",
    });
  });
});

describe("HubSpot company wire", () => {
  it("maps a company and builds its properties", () => {
    const r = parseCompany({
      id: 45,
      properties: { name: "Acme", domain: "acme.example.com", hs_lastmodifieddate: "1717000000000" },
    });
    expect(r.ok && r.value).toEqual({
      id: "45",
      archived: false,
      updatedAt: new Date(1717000000000),
      name: "Acme",
      domain: "acme.example.com",
    });
    expect(companyProperties({ name: "Acme", phone: "" })).toEqual({ name: "Acme", phone: "" });
  });
});
