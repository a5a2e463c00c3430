import type { Kysely } from "kysely";

/**
 * The last value both sides agreed on, per link and mapped field (ADR 0034): `{ "<hubspot
 * property>|<QBO field path>": value }`. The two-way merge compares each side with it, so a change
 * on one side alone always reaches the other and only a change on both is a conflict. Existing
 * links start with none; the merge falls back on what they remember writing until both sides are
 * next seen equal.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("record_links")
    .addColumn("agreed", "jsonb", (c) => c.notNull().defaultTo("{}"))
    .execute();
}
