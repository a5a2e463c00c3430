import type { Database } from "../../../db/kysely.ts";

/** The language a HubSpot user chose in Ledgerlink, if they ever signed in and chose one. */
export async function savedLocale(
  db: Database,
  portalId: string,
  hubspotUserId: string,
): Promise<string | undefined> {
  const user = await db
    .selectFrom("users")
    .select("locale")
    .where("portalId", "=", portalId)
    .where("hubspotUserId", "=", hubspotUserId)
    .executeTakeFirst();
  return user?.locale ?? undefined;
}
