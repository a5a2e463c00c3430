import { afterAll, beforeAll, expect, it, describe } from "vitest";
import { openDatabase, type DatabaseHandle } from "./kysely.ts";
import { migrateToLatest } from "./migrate.ts";

describe("PGlite dialect", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openDatabase({ dataDir: "memory://" });
    await migrateToLatest(handle);
  });
  afterAll(async () => handle.close());

  it("never runs an outside query inside another open transaction", async () => {
    const db = handle.db;
    let release!: () => void;
    const holding = new Promise<void>((r) => (release = r));
    let insideStarted!: () => void;
    const started = new Promise<void>((r) => (insideStarted = r));

    const tx = db.transaction().execute(async (trx) => {
      await trx.insertInto("instanceSettings").values({ key: "in-tx", value: "1" }).execute();
      insideStarted();
      await holding;
      throw new Error("roll back");
    });
    await started;
    // Issued while the transaction is open: it must wait, and must not see or join its writes.
    const outside = db.insertInto("instanceSettings").values({ key: "outside", value: "2" }).execute();
    const outsideSettled = outside.then(() => "done");
    expect(await Promise.race([outsideSettled, Promise.resolve("waiting")])).toBe("waiting");
    release();
    await expect(tx).rejects.toThrow("roll back");
    await outside;
    const keys = (await db.selectFrom("instanceSettings").select("key").execute()).map((r) => r.key);
    expect(keys).toContain("outside");
    expect(keys).not.toContain("in-tx");
  });

  it("keeps data in a directory across reopen", async () => {
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "ll-pglite-"));
    const first = await openDatabase({ dataDir: dir });
    await migrateToLatest(first);
    await first.db.insertInto("instanceSettings").values({ key: "kept", value: "true" }).execute();
    await first.close();
    const second = await openDatabase({ dataDir: dir });
    const row = await second.db
      .selectFrom("instanceSettings")
      .selectAll()
      .where("key", "=", "kept")
      .execute();
    await second.close();
    expect(row).toHaveLength(1);
  });

  it("answers a multi-statement script with every statement's rows, under their own column names (pg-boss 12)", async () => {
    // pg-boss's maintenance and its schema-command claim read rows from the middle of a script,
    // by snake_case names: both failed on the embedded database before.
    const { rows } = await handle.executeSql(
      "BEGIN; SELECT pg_advisory_xact_lock(42); SELECT 7 AS walk_cursor; COMMIT;",
    );
    expect(rows).toEqual([{ pg_advisory_xact_lock: "" }, { walk_cursor: 7 }]);
  });
});
