/**
 * HubSpot facts (docs/vendors/hubspot.md): the default company properties.
 *
 * Company properties that carry the same meaning as the contact property of that name: a customer
 * synced as a company uses the contact mappings through these names (a company calls the
 * customer's company name `name`). Pairs whose property a company does not have are dropped.
 */
export const COMPANY_PROPERTY_OF: Readonly<Record<string, string>> = {
  company: "name",
  phone: "phone",
  website: "website",
  address: "address",
  city: "city",
  state: "state",
  zip: "zip",
  country: "country",
};
