import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openPglite } from "./pglite-store.ts";

describe("embedded cluster store (ADR 0039)", () => {
  const root = mkdtempSync(join(tmpdir(), "ledgerlink-store-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("makes a new cluster in a child process and opens it with our buffer pool", async () => {
    const dir = join(root, "db");
    const db = await openPglite(dir);
    try {
      expect(existsSync(join(dir, "PG_VERSION"))).toBe(true);
      const shown = await db.query<{ shared_buffers: string }>("show shared_buffers");
      expect(shown.rows[0]?.shared_buffers).toBe("32MB");
      await db.exec("create table kept (id int)");
    } finally {
      await db.close();
    }
  });

  it("reopens the cluster it made, keeps its data, and applies new settings on each start", async () => {
    const dir = join(root, "db");
    const db = await openPglite(dir, { sharedBuffers: "48MB" });
    try {
      const shown = await db.query<{ shared_buffers: string }>("show shared_buffers");
      expect(shown.rows[0]?.shared_buffers).toBe("48MB");
      await db.query("select count(*) from kept");
      const conf = readFileSync(join(dir, "postgresql.conf"), "utf8");
      expect(conf.match(/include_if_exists = 'ledgerlink.conf'/g)).toHaveLength(1);
    } finally {
      await db.close();
    }
  });

  it("refuses a malformed setting before it creates or changes anything", async () => {
    const dir = join(root, "refused");
    await expect(openPglite(dir, { sharedBuffers: "lots" })).rejects.toThrow(/shared_buffers must be a size/);
    expect(existsSync(dir)).toBe(false);
  });

  it("starts a throw-away database from the cluster snapshot", async () => {
    const db = await openPglite("memory://");
    try {
      const shown = await db.query<{ shared_buffers: string }>("show shared_buffers");
      expect(shown.rows[0]?.shared_buffers).toBe("32MB");
      await db.exec("create table t (id int); insert into t values (1)");
      expect((await db.query("select * from t")).rows).toHaveLength(1);
    } finally {
      await db.close();
    }
  });
});
