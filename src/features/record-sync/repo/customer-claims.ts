import type { Database } from "../../../db/kysely.ts";

/**
 * Takes the lease on creating the customer of `identityKey` in `realmId` unless another holder's
 * lease is still running: one statement, so two processes cannot both get it (ADR 0033).
 */
export async function takeCustomerClaim(
  db: Database,
  claim: { realmId: string; identityKey: string; holder: string },
  now: Date,
  leaseMs: number,
): Promise<{ customerId: string | null; customerAt: Date | null } | undefined> {
  const expiresAt = new Date(now.getTime() + leaseMs);
  return db
    .insertInto("customerClaims")
    .values({ ...claim, expiresAt, customerId: null, customerAt: null })
    .onConflict((oc) =>
      oc
        .columns(["realmId", "identityKey"])
        .doUpdateSet({ holder: claim.holder, expiresAt })
        .where("customerClaims.expiresAt", "<=", now),
    )
    .returning(["customerId", "customerAt"])
    .executeTakeFirst();
}

/** Ends the holder's lease, remembering the customer it created (if it created one). */
export async function releaseCustomerClaim(
  db: Database,
  claim: { realmId: string; identityKey: string; holder: string },
  now: Date,
  created?: string,
): Promise<void> {
  await db
    .updateTable("customerClaims")
    .set({ expiresAt: now, ...(created ? { customerId: created, customerAt: now } : {}) })
    .where("realmId", "=", claim.realmId)
    .where("identityKey", "=", claim.identityKey)
    .where("holder", "=", claim.holder)
    .execute();
}
