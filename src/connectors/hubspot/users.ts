import type { HttpClient, VendorError } from "../http-client.ts";
import { ok, type Result } from "../../lib/result.ts";
import { userWire } from "./wire/user.ts";

/** What Ledgerlink needs to know of a HubSpot user: may they change the portal's settings? */
export interface HubSpotUserFacts {
  id: string;
  superAdmin: boolean;
}

/**
 * `GET /settings/v3/users/{userId}` (scope `settings.users.read`; docs/vendors/hubspot.md §12a):
 * whether the user is a super admin. A user HubSpot does not know answers `not_found`.
 */
export async function fetchHubSpotUser(
  http: HttpClient,
  userId: string,
): Promise<Result<HubSpotUserFacts, VendorError>> {
  const res = await http.request({
    method: "GET",
    path: `/settings/v3/users/${encodeURIComponent(userId)}`,
    schema: userWire,
  });
  if (!res.ok) return res;
  return ok({ id: res.value.body.id, superAdmin: res.value.body.superAdmin });
}
