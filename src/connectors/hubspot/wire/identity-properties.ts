/**
 * The HubSpot property each identity field is read from and searched by, named once here so that
 * code outside the wire layer never spells `hs_sku` (docs/vendors/hubspot.md: the CRM search API
 * filters on property names).
 */
export const IDENTITY_PROPERTY = {
  email: "email",
  firstName: "firstname",
  lastName: "lastname",
  company: "company",
  phone: "phone",
  name: "name",
  sku: "hs_sku",
} as const;

/** Asked for when only the ids of a page matter (HubSpot returns a default set otherwise). */
export const ID_ONLY_PROPERTIES = ["hs_object_id"] as const;
