import { inTransaction } from "../../../db/transaction.ts";
import type { Database } from "../../../db/kysely.ts";
import { insertMapping, type NewMapping } from "./field-mappings.ts";

/** The stored settings document of a QBO company, or undefined before the first save. */
export async function readSettingsRow(db: Database, connectionId: string): Promise<unknown> {
  const row = await db
    .selectFrom("syncSettings")
    .select("settings")
    .where("connectionId", "=", connectionId)
    .executeTakeFirst();
  return row?.settings;
}

export async function writeSettingsRow(
  db: Database,
  connectionId: string,
  settings: unknown,
  now: Date,
): Promise<void> {
  const json = JSON.stringify(settings);
  await db
    .insertInto("syncSettings")
    .values({ connectionId, settings: json, updatedAt: now })
    .onConflict((oc) => oc.column("connectionId").doUpdateSet({ settings: json, updatedAt: now }))
    .execute();
}

/** Creates the settings row if there is none; true when this call created it. */
export async function createSettingsRowIfMissing(
  db: Database,
  connectionId: string,
  settings: unknown,
  now: Date,
): Promise<boolean> {
  const res = await db
    .insertInto("syncSettings")
    .values({ connectionId, settings: JSON.stringify(settings), updatedAt: now })
    .onConflict((oc) => oc.column("connectionId").doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Creates the settings row and its mappings together, once: nothing when the row exists, so a
 * mapping deleted since is not brought back.
 */
export async function seedSettingsOnce(
  db: Database,
  connectionId: string,
  settings: unknown,
  mappings: Array<NewMapping & { isDefault: boolean }>,
  now: Date,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    if (!(await createSettingsRowIfMissing(trx, connectionId, settings, now))) return;
    for (const mapping of mappings) await insertMapping(trx, connectionId, mapping, now);
  });
}
