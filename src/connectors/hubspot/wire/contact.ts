import type { z } from "zod";
import type { Contact } from "../../../domain/crm.ts";
import { base, compact, crmObject, propertyMap, textProp } from "./common.ts";
import { wireParser } from "./parse.ts";

/**
 * A HubSpot contact (https://developers.hubspot.com/docs/api/crm/contacts) with the default
 * properties the contact sync and the invoice wizard read. Ask for `CONTACT_PROPERTIES`.
 */
export const CONTACT_PROPERTIES = [
  "email",
  "firstname",
  "lastname",
  "company",
  "phone",
  "mobilephone",
  "website",
  "lifecyclestage",
] as const;

export const contactWire = crmObject({
  email: textProp,
  firstname: textProp,
  lastname: textProp,
  company: textProp,
  phone: textProp,
  mobilephone: textProp,
  website: textProp,
  lifecyclestage: textProp,
});
export type ContactWire = z.output<typeof contactWire>;

export function toContact(c: ContactWire): Contact {
  const p = c.properties;
  return compact({
    ...base(c),
    email: p.email,
    firstName: p.firstname,
    lastName: p.lastname,
    company: p.company,
    phone: p.phone,
    mobilePhone: p.mobilephone,
    website: p.website,
    lifecycleStage: p.lifecyclestage,
  });
}

const parser = wireParser("contacts", contactWire, toContact);
export const parseContact = parser.one;
export const parseContacts = parser.list;
export const partitionContacts = parser.each;

export type ContactFields = Partial<Omit<Contact, "id" | "archived" | "updatedAt" | "lifecycleStage">>;

/** The property map of a contact create, update or upsert; unset fields are left out. */
export function contactProperties(c: ContactFields): Record<string, string> {
  return propertyMap({
    email: c.email,
    firstname: c.firstName,
    lastname: c.lastName,
    company: c.company,
    phone: c.phone,
    mobilephone: c.mobilePhone,
    website: c.website,
  });
}
