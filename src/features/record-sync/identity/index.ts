/**
 * Identity (I3, I4, P1): one normalisation, one set of match keys for both vendors, and one rule
 * for deciding on the candidates a key finds, used by record sync (both modes), the invoice
 * wizard and the workflow action.
 */
export { norm, sameText } from "./normalize.ts";
export { exactKey, keysOf, type Identity, type IdentityField, type MatchKey } from "./keys.ts";
export { judge, KeyIndex, lookup, type Candidate, type Found } from "./lookup.ts";
export {
  DISPLAY_NAME_MAX,
  matchCustomer,
  type HubSpotParty,
  type MatchResult,
  type QboCustomerLite,
  uniqueDisplayName,
} from "./customer-match.ts";
