import { z } from "zod";
import { objectId } from "./common.ts";

/**
 * A HubSpot user as the Settings User Provisioning API answers
 * (https://developers.hubspot.com/docs/api-reference/settings-user-provisioning-v3/guide). Ledgerlink
 * reads one fact: whether the user is a super admin. HubSpot's reference example spells it as the
 * string "false", its schema as a boolean: both are read; anything else is malformed.
 */
export const userWire = z.looseObject({
  id: objectId,
  email: z.string().nullish(),
  superAdmin: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]),
});
export type UserWire = z.output<typeof userWire>;
