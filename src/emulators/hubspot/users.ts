/**
 * HubSpot users of one portal, as the Settings User Provisioning API v3 describes them
 * (https://developers.hubspot.com/docs/api-reference/settings-user-provisioning-v3/guide): an id,
 * an e-mail, names, a role, teams and whether the user is a super admin.
 *
 * `language` is the emulator's own attribute: a HubSpot user picks their language in their
 * profile, but the provisioning API does not expose it. The emulator renders its pages in it and
 * hands it to app cards the way HubSpot does (`context.user.locale`), so it never appears in the
 * API's JSON.
 */
export type UserLanguage = "en" | "ja";

export interface HsUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  roleId?: string;
  primaryTeamId?: string;
  secondaryTeamIds: string[];
  superAdmin: boolean;
  /** Emulator-only: the language of the user's HubSpot UI (their profile setting). */
  language: UserLanguage;
}

export interface HsRole {
  id: string;
  name: string;
  requiresBillingWrite: boolean;
}

/** The roles every emulated portal has (HubSpot accounts define their own; these stand in). */
export const ROLES: readonly HsRole[] = [
  { id: "1000001", name: "Sales rep", requiresBillingWrite: false },
  { id: "1000002", name: "Sales manager", requiresBillingWrite: false },
  { id: "1000003", name: "Finance", requiresBillingWrite: false },
];

export const roleExists = (id: string) => ROLES.some((r) => r.id === id);

/** The user as `GET /settings/v3/users/{userId}` answers: `roleIds` lists the role, never the language. */
export function userJson(user: HsUser) {
  return {
    id: user.id,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    ...(user.roleId ? { roleId: user.roleId } : {}),
    roleIds: user.roleId ? [user.roleId] : [],
    ...(user.primaryTeamId ? { primaryTeamId: user.primaryTeamId } : {}),
    secondaryTeamIds: user.secondaryTeamIds,
    superAdmin: user.superAdmin,
    // Only a provisioning request's answer says the e-mail was sent; later reads say false.
    sendWelcomeEmail: false,
  };
}

/** What the emulator's pages need of a user: who they are, and their language (contract.ts). */
export function viewerOf(user: HsUser) {
  return { id: Number(user.id), email: user.email, language: user.language };
}
