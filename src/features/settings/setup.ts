import type { Database } from "../../db/kysely.ts";
import { insertMapping } from "./repo/field-mappings.ts";
import { createSettingsRowIfMissing } from "./repo/sync-settings.ts";
import type { MappingObject } from "../../db/schema/index.ts";
import { DEFAULT_MAPPINGS } from "./mapping/defaults.ts";
import { DEFAULT_SETTINGS } from "./schema.ts";

/**
 * A company's sync starts with the default settings (everything off) and the default mappings
 * (M1), created together the first time anyone looks. Deleting a default mapping later sticks: the
 * defaults are seeded once, with the settings row, not on every read.
 */
export async function ensureSyncSetup(db: Database, connectionId: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await createSettingsRowIfMissing(trx, connectionId, DEFAULT_SETTINGS, now))) return;
    for (const [object, pairs] of Object.entries(DEFAULT_MAPPINGS))
      for (const pair of pairs)
        await insertMapping(
          trx,
          connectionId,
          { object: object as MappingObject, ...pair, isDefault: true },
          now,
        );
  });
}
