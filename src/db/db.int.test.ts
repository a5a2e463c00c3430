import { expect, it } from "vitest";
import { DEFAULT_MIGRATION_TABLE, sql } from "kysely";
import { describeEachBackend } from "../../test/support/db.ts";
import { pendingMigrations } from "./migrate.ts";
import { migrationsFor } from "./migrations/index.ts";

describeEachBackend("database", (db) => {
  it("applies every migration", async () => {
    expect(await pendingMigrations(db())).toEqual([]);
  });

  it("names the migrations this schema has not applied, from its own migration table", async () => {
    const last = migrationsFor({}).at(-1)![0];
    const table = sql.table(`${db().schema}.${DEFAULT_MIGRATION_TABLE}`);
    await expect(
      db()
        .db.transaction()
        .execute(async (trx) => {
          await sql`DELETE FROM ${table} WHERE name = ${last}`.execute(trx);
          expect(await pendingMigrations({ ...db(), db: trx })).toEqual([last]);
          throw new Error("rolled back");
        }),
    ).rejects.toThrow("rolled back");
    expect(await pendingMigrations(db())).toEqual([]);
  });

  it("maps camelCase to snake_case both ways", async () => {
    await db()
      .db.insertInto("instanceSettings")
      .values({ key: "created", value: JSON.stringify({ at: "2026-01-01" }) })
      .execute();
    const row = await db()
      .db.selectFrom("instanceSettings")
      .select(["key", "value", "updatedAt"])
      .where("key", "=", "created")
      .executeTakeFirstOrThrow();
    expect(row.value).toEqual({ at: "2026-01-01" });
    expect(row.updatedAt).toBeInstanceOf(Date);
  });

  it("leaves the keys inside a JSON column as they were written (ADR 0046)", async () => {
    // HubSpot's property names are snake_case; renamed on the way out they matched nothing.
    const value = { qbo_invoice_status: "paid", "hs_sku|Sku": "A-1", nested: { hs_lead_status: "NEW" } };
    await db()
      .db.insertInto("instanceSettings")
      .values({ key: "snake", value: JSON.stringify(value) })
      .execute();
    const row = await db()
      .db.selectFrom("instanceSettings")
      .select("value")
      .where("key", "=", "snake")
      .executeTakeFirstOrThrow();
    expect(row.value).toEqual(value);
  });

  it("rolls back a failed transaction completely", async () => {
    await expect(
      db()
        .db.transaction()
        .execute(async (trx) => {
          await trx.insertInto("instanceSettings").values({ key: "doomed", value: "1" }).execute();
          throw new Error("boom");
        }),
    ).rejects.toThrow("boom");
    const rows = await db()
      .db.selectFrom("instanceSettings")
      .where("key", "=", "doomed")
      .selectAll()
      .execute();
    expect(rows).toEqual([]);
  });

  it("runs raw multi-statement scripts", async () => {
    await db().executeSql("CREATE TABLE scratch (n int); INSERT INTO scratch VALUES (1), (2);");
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM scratch`.execute(db().db);
    expect(rows[0]?.n).toBe(2);
  });
});
