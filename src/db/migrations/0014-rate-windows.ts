import { sql, type Kysely } from "kysely";

/**
 * ADR 0041: the rate budgets become sliding windows (connectors/rate-budget.ts). One row per
 * window: the times of its recent grants (epoch milliseconds on the callers' clocks, never the
 * database's, so tests and emulators can move time; at most `limit` of them are kept) and, after a
 * vendor 429, the time until which the window grants nothing. The token buckets' table goes: its
 * rows were only the last few seconds of spending.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("rate_windows")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("grants", sql`double precision[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("paused_until", "double precision", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.dropTable("rate_budgets").execute();
}
