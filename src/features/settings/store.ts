import type { Database } from "../../db/kysely.ts";
import { readSettingsRow, writeSettingsRow } from "./repo/sync-settings.ts";
import { DEFAULT_SETTINGS, syncSettingsSchema, type SyncSettings } from "./schema.ts";

/**
 * Settings are read fresh by every sync decision (no cache), so a change takes effect for the next
 * change without a restart and turning a sync off stops it at once. A stored document that no
 * longer parses (a newer version's options) falls back to the defaults, which sync nothing.
 */
export async function loadSettings(db: Database, connectionId: string): Promise<SyncSettings> {
  const stored = await readSettingsRow(db, connectionId);
  if (stored === undefined) return DEFAULT_SETTINGS;
  const parsed = syncSettingsSchema.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function saveSettings(
  db: Database,
  connectionId: string,
  settings: SyncSettings,
  now: Date,
): Promise<void> {
  await writeSettingsRow(db, connectionId, syncSettingsSchema.parse(settings), now);
}
