import { Hono } from "hono";
import { expect, it } from "vitest";
import { testSecrets } from "../../../test/support/app.ts";
import { describeEachBackend } from "../../../test/support/db.ts";
import { fetchVia, testVendorClients } from "../../../test/support/engine.ts";
import { signedInPortal } from "../../../test/support/session.ts";
import { readCheckpoint } from "./repo.ts";
import { listLedger } from "../activity/repo.ts";
import { upsertQboConnection } from "../connections/repo/qbo-connections.ts";
import { ManualClock } from "../../lib/clock.ts";
import { silentLogger } from "../../lib/logger.ts";
import { pullQboChangesHandler, type QboChangeRule } from "./pull-qbo-changes.ts";

/**
 * A scripted QBO API: CDC answers from `cdc`, queries from `rows`; it records what was asked.
 * (End-to-end runs against the QBO emulator live with the emulator's integration tests.)
 */
function fakeQbo(script: {
  cdc: Record<string, unknown[]>;
  rows?: Record<string, unknown[]>;
  cdcStatus?: number;
}) {
  const asked: string[] = [];
  const app = new Hono();
  app.get("/v3/company/:realm/cdc", (c) => {
    asked.push(`cdc ${c.req.query("entities")}`);
    if (script.cdcStatus) {
      return c.json(
        { Fault: { Error: [{ Message: "Service unavailable", code: "10000" }], type: "SystemFault" } },
        script.cdcStatus as 503,
      );
    }
    const QueryResponse = Object.entries(script.cdc).map(([entity, list]) => ({ [entity]: list }));
    return c.json({ CDCResponse: [{ QueryResponse }], time: "2026-08-01T10:00:00.000-07:00" });
  });
  app.get("/v3/company/:realm/query", (c) => {
    const query = c.req.query("query") ?? "";
    asked.push(query);
    const entity = /FROM (\w+)/.exec(query)?.[1] ?? "";
    const start = Number(/STARTPOSITION (\d+)/.exec(query)?.[1] ?? 1);
    const page = (script.rows?.[entity] ?? []).slice(start - 1, start - 1 + 1000);
    return c.json({
      QueryResponse: page.length ? { [entity]: page, startPosition: start, maxResults: page.length } : {},
      time: "2026-08-01T10:00:00.000-07:00",
    });
  });
  return { asked, fetch: fetchVia(app.fetch) };
}

const invoice = (id: number) => ({
  Id: String(id),
  SyncToken: "0",
  MetaData: { LastUpdatedTime: "2026-08-01T09:00:00-07:00" },
});

describeEachBackend("pull QBO changes (S5; docs/vendors/quickbooks.md §6)", (db) => {
  const clock = new ManualClock("2026-08-01T17:05:00Z");
  let n = 0;

  async function connection() {
    n += 1;
    const portal = await signedInPortal(db().db, `pull${n}`, clock.now());
    const connectionId = `conn-pull-${n}`;
    await upsertQboConnection(
      db().db,
      {
        connectionId,
        portalId: portal.portalId,
        realmId: `9130${n}`,
        companyName: "Co",
        country: "US",
        homeCurrency: "USD",
        multiCurrency: false,
        customTxnNumbers: false,
        accessToken: testSecrets.seal("access", `qbo:${connectionId}`),
        refreshToken: testSecrets.seal("refresh", `qbo:${connectionId}`),
        accessExpiresAt: new Date(clock.now().getTime() + 3600_000),
        refreshExpiresAt: new Date(clock.now().getTime() + 86_400_000),
      },
      new Date(clock.now().getTime() - 86_400_000),
    );
    return { portalId: portal.portalId, connectionId };
  }

  function run(
    qbo: ReturnType<typeof fakeQbo>,
    connectionId: string,
    rules: QboChangeRule[] = [],
    progress?: () => Promise<void>,
  ) {
    const clients = testVendorClients(db().db, clock, {
      intuit: {
        clientId: "c",
        clientSecret: "s",
        redirectUri: "http://x/cb",
        authBaseUrl: "http://qbo",
        oauthBaseUrl: "http://qbo",
        revokeBaseUrl: "http://qbo",
        apiBaseUrl: "http://qbo",
        fetch: qbo.fetch,
        clock,
      },
    });
    return pullQboChangesHandler(
      { db: db().db, clock, clients, rules },
      { payload: { connectionId, reason: "timer" }, jobId: "j1", log: silentLogger, retryCount: 0, progress },
    );
  }

  it("records every changed object in the ledger and moves the checkpoint behind the server's time", async () => {
    const { portalId, connectionId } = await connection();
    const qbo = fakeQbo({
      cdc: { Invoice: [invoice(1), { Id: "2", status: "Deleted", domain: "QBO" }], Customer: [] },
    });
    await run(qbo, connectionId);
    const ledger = await listLedger(db().db, portalId);
    expect(ledger.map((e) => [e.objectType, e.objectId, e.outcome]).sort()).toEqual([
      ["invoice", "1", "skipped"],
      ["invoice", "2", "skipped"],
    ]);
    expect(ledger.find((e) => e.objectId === "2")?.decision).toContain("deleted");
    expect(await readCheckpoint(db().db, `qbo:${connectionId}:changes`)).toBe("2026-08-01T16:59:00.000Z");
  });

  it("re-reads an entity by paged query when CDC returned 1,000 objects (never a truncated view)", async () => {
    const { portalId, connectionId } = await connection();
    const all = Array.from({ length: 1500 }, (_, i) => invoice(i + 1));
    const qbo = fakeQbo({ cdc: { Invoice: all.slice(0, 1000) }, rows: { Invoice: all } });
    await run(qbo, connectionId);
    expect(qbo.asked.filter((q) => q.startsWith("SELECT * FROM Invoice"))).toHaveLength(2);
    expect(await listLedger(db().db, portalId, { limit: 500 })).toHaveLength(500);
    const count = await db()
      .db.selectFrom("syncLedger")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("portalId", "=", portalId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1500);
  });

  it("uses paged queries (with inactive names) when the checkpoint is older than CDC's 30 days", async () => {
    const { connectionId } = await connection();
    await db()
      .db.insertInto("syncCheckpoints")
      .values({
        key: `qbo:${connectionId}:changes`,
        cursor: "2026-06-01T00:00:00.000Z",
        updatedAt: clock.now(),
      })
      .execute();
    const qbo = fakeQbo({ cdc: {}, rows: { Customer: [{ Id: "9", Active: false }] } });
    await run(qbo, connectionId);
    expect(qbo.asked.some((q) => q.startsWith("cdc"))).toBe(false);
    expect(qbo.asked.find((q) => q.includes("FROM Customer"))).toContain("Active IN (true, false)");
  });

  it("keeps the checkpoint and records a retryable failure when QBO is down", async () => {
    const { portalId, connectionId } = await connection();
    const qbo = fakeQbo({ cdc: {}, cdcStatus: 503 });
    await expect(run(qbo, connectionId)).rejects.toThrow();
    expect(await readCheckpoint(db().db, `qbo:${connectionId}:changes`)).toBeUndefined();
    const [entry] = await listLedger(db().db, portalId);
    expect(entry).toMatchObject({ outcome: "failed", errorCategory: "server" });
    expect(entry?.retryJob).toMatchObject({ name: "pull-qbo-changes" });
  });

  it("applies a change once, though every pull reads the minute before its checkpoint again", async () => {
    const { portalId, connectionId } = await connection();
    // Saved inside the minute the next pull reads again (the server answers at 10:00:00).
    const recent = (id: number, syncToken: string) => ({
      Id: String(id),
      SyncToken: syncToken,
      MetaData: { LastUpdatedTime: "2026-08-01T09:59:30-07:00" },
    });
    const ran: string[] = [];
    const rule: QboChangeRule = async (change) => {
      const { Id, SyncToken } = change.object as { Id: string; SyncToken: string };
      ran.push(`${Id}@${SyncToken}`);
      return Id === "2" && ran.length < 4
        ? { decision: "QBO refused", outcome: "failed" }
        : { decision: "applied", outcome: "ok" };
    };
    await run(fakeQbo({ cdc: { Invoice: [recent(1, "0"), recent(2, "0")] } }), connectionId, [rule]);
    expect(ran).toEqual(["1@0", "2@0"]);
    // Same answer again: 1 was applied and is skipped; 2 failed and is tried again.
    await run(fakeQbo({ cdc: { Invoice: [recent(1, "0"), recent(2, "0")] } }), connectionId, [rule]);
    expect(ran).toEqual(["1@0", "2@0", "2@0"]);
    // 1 saved again in the same second: its SyncToken moved, so it is a new change.
    await run(fakeQbo({ cdc: { Invoice: [recent(1, "1"), recent(2, "0")] } }), connectionId, [rule]);
    expect(ran).toEqual(["1@0", "2@0", "2@0", "1@1", "2@0"]);
    await run(fakeQbo({ cdc: { Invoice: [recent(1, "1"), recent(2, "0")] } }), connectionId, [rule]);
    expect(ran).toHaveLength(5);
    expect(await listLedger(db().db, portalId)).toHaveLength(5);
  });

  it("a pull that fails part-way is retried for what it did not apply, not from its first change", async () => {
    const { connectionId } = await connection();
    const recent = (id: number) => ({
      Id: String(id),
      SyncToken: "0",
      MetaData: { LastUpdatedTime: "2026-08-01T09:59:30-07:00" },
    });
    const ran: string[] = [];
    const rule: QboChangeRule = async (change) => {
      const { Id } = change.object as { Id: string };
      ran.push(Id);
      if (Id === "2" && ran.length === 2) throw new Error("Could not read HubSpot contact: internal error");
      return { decision: "applied", outcome: "ok" };
    };
    const cdc = { Invoice: [recent(1), recent(2), recent(3)] };
    let progressed = 0;
    const progress = async () => void (progressed += 1);
    await expect(run(fakeQbo({ cdc }), connectionId, [rule], progress)).rejects.toThrow("internal error");
    // The failed pull moved forward with each change it applied (its retry waits seconds, not more).
    expect(progressed).toBe(2);
    expect(await readCheckpoint(db().db, `qbo:${connectionId}:changes`)).toBeUndefined();
    await run(fakeQbo({ cdc }), connectionId, [rule]);
    // The changes of one entity run side by side: 3 was applied beside the 2 that failed.
    expect(ran).toEqual(["1", "2", "3", "2"]);
    expect(await readCheckpoint(db().db, `qbo:${connectionId}:changes`)).toBe("2026-08-01T16:59:00.000Z");
  });
});
