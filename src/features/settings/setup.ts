import type { Database } from "../../db/kysely.ts";
import type { MappingObject } from "../../db/schema/index.ts";
import { DEFAULT_MAPPINGS } from "./mapping/defaults.ts";
import { seedSettingsOnce } from "./repo/sync-settings.ts";
import { DEFAULT_SETTINGS } from "./schema.ts";

/** Every default mapping of every object, as rows marked default. */
const defaultMappingRows = Object.entries(DEFAULT_MAPPINGS).flatMap(([object, pairs]) =>
  pairs.map((pair) => ({ object: object as MappingObject, ...pair, isDefault: true })),
);

/**
 * A company's sync starts with the default settings (everything off) and the default mappings
 * (M1), created together the first time anyone looks. Deleting a default mapping later sticks: the
 * defaults are seeded once, with the settings row, not on every read.
 */
export async function ensureSyncSetup(db: Database, connectionId: string, now: Date): Promise<void> {
  await seedSettingsOnce(db, connectionId, DEFAULT_SETTINGS, defaultMappingRows, now);
}
