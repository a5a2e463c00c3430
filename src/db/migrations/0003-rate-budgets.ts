import { type Kysely } from "kysely";

/**
 * Token buckets shared by every worker (connectors/rate-budget.ts). One row per bucket; `tokens`
 * is a fraction because refill is continuous, and `updated_at` is written from the caller's clock
 * (not the database's now()) so tests and emulators can move time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("rate_budgets")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("tokens", "double precision", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .execute();
}
