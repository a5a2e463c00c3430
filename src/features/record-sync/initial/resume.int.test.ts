import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { describeEachBackend } from "../../../../test/support/db.ts";
import {
  dyingClients,
  emulatorControl,
  initialSyncDeps,
  initialSyncStack,
  runInitialSync,
  startContactsSync,
  type LoggedRequest,
} from "../../../../test/support/initial-sync.ts";
import type { Stack } from "../../../../test/support/stack.ts";
import { ManualClock } from "../../../lib/clock.ts";
import { findInitialSync } from "../repo/initial-syncs.ts";
import type { Progress } from "./progress.ts";
import type { RunDeps } from "./run.ts";
import { initialSync } from "../jobs.ts";

/**
 * ADR 0032: an initial sync keeps going through vendor faults, saves every chunk of writes, gives up
 * only after SYNC_STALL_TIMEOUT_SECONDS without progress, and resumes (Retry, or a restart after a
 * crash) from the chunk that was not saved: earlier pages are not read again, earlier writes not
 * sent again, nothing is created twice. Faults and counts come from the emulators' control routes.
 */
describeEachBackend("initial sync under faults (ADR 0032)", (db) => {
  const clock = new ManualClock("2026-11-02T17:00:00Z");
  let stack: Stack;
  let us: string;
  let conn: string;
  const STALL_MS = 120_000;

  const control = emulatorControl(() => stack);
  const requests = async (vendor: "qbo" | "hubspot") => (await control(vendor, "GET", "/requests")).requests!;
  const requestIds = (log: LoggedRequest[]) =>
    log
      .filter((r) => r.method === "POST" && r.status < 300)
      .map((r) => new URLSearchParams(r.query).get("requestid"))
      .filter((id): id is string => id !== null);
  const countQbo = async (where: string) =>
    (
      await stack.qboApi(
        us,
        "GET",
        `/query?query=${encodeURIComponent(`SELECT COUNT(*) FROM Customer WHERE ${where}`)}`,
      )
    ).body.QueryResponse.totalCount as number;
  const countHubSpot = async () => {
    let n = 0;
    let after: string | undefined;
    do {
      const page = await stack.hs(
        "GET",
        `/crm/v3/objects/contacts?limit=100${after ? `&after=${after}` : ""}`,
      );
      n += page.body.results.length;
      after = page.body.paging?.next?.after;
    } while (after);
    return n;
  };
  const deps = initialSyncDeps(db, clock, () => stack, STALL_MS);
  const run = (syncId: string, d: RunDeps) => runInitialSync(syncId, d);
  async function addContacts(prefix: string, n: number) {
    const inputs = Array.from({ length: n }, (_, i) => ({
      properties: { email: `${prefix}${i}@${prefix}.example`, firstname: prefix, lastname: `Person ${i}` },
    }));
    for (let i = 0; i < n; i += 100)
      expect(
        (
          await stack.hs("POST", "/crm/v3/objects/contacts/batch/create", {
            inputs: inputs.slice(i, i + 100),
          })
        ).status,
      ).toBe(201);
  }
  const start = () => startContactsSync(db(), conn, clock.now());

  beforeAll(async () => {
    ({ stack, realm: us, conn } = await initialSyncStack(db(), clock, "to_qbo"));
  });
  afterAll(() => stack.close());
  beforeEach(async () => {
    await control("qbo", "DELETE", "/faults");
    await control("hubspot", "DELETE", "/faults");
  });

  it("gives up after the stall timeout, says why, and Retry resumes from the failed chunk without duplicates", async () => {
    // Chunks of 333 creates (8 batches and 93 singles): 1,000 contacts make four.
    await addContacts("stall", 1000);
    const syncId = await start();
    let saves = 0;
    let failingFrom: Progress | undefined;
    await run(
      syncId,
      deps({
        // After two chunks are saved, QBO fails every create from then on.
        afterCheckpoint: async (p) => {
          if (++saves !== 2) return;
          failingFrom = structuredClone(p);
          await control("qbo", "POST", "/faults", { method: "POST", path: "/batch", status: 503 });
          await control("qbo", "POST", "/faults", { method: "POST", path: "/customer", status: 503 });
          await control("qbo", "DELETE", "/requests");
          await control("hubspot", "DELETE", "/requests");
        },
      }),
    );
    const failed = (await findInitialSync(db().db, syncId))!;
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/no progress for 2 min/);
    const stuck = failed.progress as Progress;
    expect(stuck.stalled).toMatchObject({ seconds: 120 });
    // The checkpoint is the last saved chunk: mid-page, with the records of that page already done.
    expect(stuck.seen).toBe(failingFrom!.seen);
    expect(stuck.skip).toBe(failingFrom!.skip);
    expect(stuck.hubspotAfter).toBe(failingFrom!.hubspotAfter);
    const createdBefore = await countQbo("GivenName = 'stall'");
    expect(createdBefore).toBeGreaterThan(0);
    expect(createdBefore).toBeLessThan(1000);
    const writtenBefore = new Set(requestIds(await requests("qbo")));
    expect(writtenBefore.size).toBe(0); // every create failed while it stalled

    // The progress page says why, and offers Retry.
    const page = await stack.app.request(`/sync/${conn}/initial/run/${syncId}`, {
      headers: { cookie: stack.user.cookie },
    });
    const html = await page.text();
    expect(html).toContain("no batch could be saved for 120 s");
    expect(html).toContain(">Retry<");

    // The Activity page says why, and its Retry names the job that resumes the run.
    const entry = await db()
      .db.selectFrom("syncLedger")
      .selectAll()
      .where("jobId", "=", syncId)
      .where("outcome", "=", "failed")
      .where("objectType", "=", "initial sync")
      .executeTakeFirstOrThrow();
    expect(entry.decision).toMatch(/stopped after 120 s without saving a batch/);
    expect(entry.errorMessage).toMatch(/System Failure Error/); // QBO's own words for the 503
    expect(entry.retryJob).toEqual({ name: initialSync.name, payload: { syncId, resume: true } });

    // Retry (the Activity page's job): the vendor is back; the run continues from the saved chunk.
    await control("qbo", "DELETE", "/faults");
    await control("qbo", "DELETE", "/requests");
    await control("hubspot", "DELETE", "/requests");
    await runInitialSync(syncId, deps(), true);
    const done = (await findInitialSync(db().db, syncId))!;
    expect(done.status).toBe("done");
    expect((done.progress as Progress).stalled).toBeUndefined();
    expect(await countQbo("GivenName = 'stall'")).toBe(1000);
    // No page before the failed chunk's page was read again: the first list call starts at its cursor.
    const lists = (await requests("hubspot")).filter(
      (r) => r.method === "GET" && r.path === "/crm/v3/objects/contacts",
    );
    expect(failingFrom!.hubspotAfter).toBeDefined(); // the failed chunk is past the first page
    const firstAfter = new URLSearchParams(lists[0]!.query).get("after") ?? undefined;
    expect(firstAfter).toBe(failingFrom!.hubspotAfter);
    // Every contact was decided exactly once over both runs: the saved chunks were not decided again.
    const resumed = done.progress as Progress;
    expect(resumed.seen).toBe(await countHubSpot());
    expect(Object.values(resumed.counts).reduce((a, b) => a + b, 0)).toBe(resumed.seen);
    expect(resumed.counts.created).toBeGreaterThanOrEqual(300);
  });

  it("restarts after a crash mid-chunk from the last saved chunk, and creates nothing twice", async () => {
    await addContacts("crash", 200);
    const syncId = await start();
    let saves = 0;
    // The worker dies once the third chunk's batch has answered: its creates reached QBO, its links did not.
    const dying = dyingClients(
      stack.clients,
      "qbo",
      (req, answered) => answered && saves >= 2 && req.method === "POST" && req.path === "/batch",
    );
    const crashed = run(
      syncId,
      deps({
        afterCheckpoint: async () => {
          if (++saves === 2) await control("qbo", "DELETE", "/requests");
        },
        clients: dying.clients,
      }),
    );
    await expect(crashed).rejects.toThrow("kill -9");
    await dying.landed();
    const row = (await findInitialSync(db().db, syncId))!;
    expect(row.status).toBe("running");
    const atCrash = row.progress as Progress;
    const sentBeforeCrash = requestIds(await requests("qbo"));
    expect(sentBeforeCrash.length).toBeGreaterThan(0);

    // The restarted job runs from the saved checkpoint.
    await control("qbo", "DELETE", "/requests");
    await run(syncId, deps());
    const done = (await findInitialSync(db().db, syncId))!;
    expect(done.status).toBe("done");
    expect(await countQbo("GivenName = 'crash'")).toBe(200);
    const progress = done.progress as Progress;
    expect(progress.seen).toBeGreaterThan(atCrash.seen);
    // The 30 records whose batch reached QBO before the crash are found again (linked), not re-created.
    const after = requestIds(await requests("qbo"));
    expect(after.filter((id) => sentBeforeCrash.includes(id))).toEqual([]);
  });

  it("waits out HubSpot's Retry-After instead of failing the run", async () => {
    await addContacts("wait", 20);
    const syncId = await start();
    await control("hubspot", "DELETE", "/requests");
    // More 429s in a row than the HTTP client's own attempts: the run itself must keep waiting.
    await control("hubspot", "POST", "/faults", {
      method: "GET",
      path: "/crm/v3/objects/contacts",
      status: 429,
      times: 6,
    });
    await run(syncId, deps());
    expect((await findInitialSync(db().db, syncId))?.status).toBe("done");
    expect(await countQbo("GivenName = 'wait'")).toBe(20);
    const lists = (await requests("hubspot")).filter((r) => r.path === "/crm/v3/objects/contacts");
    expect(lists.slice(0, 6).map((r) => r.status)).toEqual([429, 429, 429, 429, 429, 429]);
    expect(lists[6]?.status).toBe(200);
    // Each try came at least the Retry-After (1 s) after the 429 before it.
    for (let i = 1; i <= 6; i++)
      expect(Date.parse(lists[i]!.at) - Date.parse(lists[i - 1]!.at)).toBeGreaterThanOrEqual(1000);
  });
});
