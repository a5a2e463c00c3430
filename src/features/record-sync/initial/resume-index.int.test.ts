import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { describeEachBackend } from "../../../../test/support/db.ts";
import {
  emulatorControl,
  initialSyncDeps,
  initialSyncStack,
  interceptedClients,
  runInitialSync,
  startContactsSync,
} from "../../../../test/support/initial-sync.ts";
import { gate } from "../../../../test/support/gate.ts";
import type { Stack } from "../../../../test/support/stack.ts";
import { err } from "../../../lib/result.ts";
import { ManualClock } from "../../../lib/clock.ts";
import { INDEX_FRESH_MS } from "../engine/saved-index.ts";
import { findInitialSync } from "../repo/initial-syncs.ts";
import type { Progress } from "./progress.ts";
import type { RunDeps } from "./run.ts";

/**
 * ADR 0047: an initial sync into HubSpot saves the index of HubSpot's records it read at the start
 * and the keys of what each saved chunk created, so a run restarted after a crash within
 * INDEX_FRESH_MS does not list HubSpot's records again (a call per 100), and still decides every
 * record as the run that was never interrupted would: a QBO customer matching a contact that was
 * there before is linked, one sharing its e-mail with a customer created before the crash goes to
 * review, nothing is created twice.
 */
describeEachBackend(
  "an initial sync resumed from its saved index (C4, issue 16 items 1 and 2, ADR 0047)",
  (db) => {
    const clock = new ManualClock("2026-11-02T17:00:00Z");
    let stack: Stack;
    let us: string;
    let conn: string;

    const control = emulatorControl(() => stack);
    const contactLists = async () =>
      (await control("hubspot", "GET", "/requests")).requests!.filter(
        (r) => r.method === "GET" && r.path === "/crm/v3/objects/contacts",
      ).length;
    const contactsNamed = async (family: string) => {
      const found: string[] = [];
      let after: string | undefined;
      do {
        const page = await stack.hs(
          "GET",
          `/crm/v3/objects/contacts?limit=100&properties=email,lastname${after ? `&after=${after}` : ""}`,
        );
        for (const c of page.body.results as Array<{ properties: { email?: string; lastname?: string } }>)
          if (c.properties.lastname?.startsWith(family)) found.push(c.properties.email ?? "");
        after = page.body.paging?.next?.after;
      } while (after);
      return found;
    };
    const countCustomers = async () =>
      (await stack.qboApi(us, "GET", `/query?query=${encodeURIComponent("SELECT COUNT(*) FROM Customer")}`))
        .body.QueryResponse.totalCount as number;
    const deps = initialSyncDeps(db, clock, () => stack, 120_000);
    const run = (syncId: string, d: RunDeps) => runInitialSync(syncId, d);

    /** HubSpot contacts that were there before the sync: `family` Old 0 … n-1. */
    async function oldContacts(family: string, n: number) {
      const inputs = Array.from({ length: n }, (_, i) => ({
        properties: { email: `old${i}@${family}.example`, firstname: "Old", lastname: `${family} ${i}` },
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

    /** QBO customers, thirty a batch request, each with the e-mail `emailOf` gives it. */
    async function customers(family: string, n: number, emailOf: (i: number) => string) {
      for (let i = 0; i < n; i += 30) {
        const items = Array.from({ length: Math.min(30, n - i) }, (_, j) => ({
          bId: `b${i + j}`,
          operation: "create",
          Customer: {
            GivenName: "New",
            FamilyName: `${family} ${i + j}`,
            DisplayName: `New ${family} ${i + j}`,
            PrimaryEmailAddr: { Address: emailOf(i + j) },
          },
        }));
        const res = await stack.qboApi(us, "POST", "/batch", { BatchItemRequest: items });
        expect(res.status).toBe(200);
      }
    }

    /**
     * Runs the sync and kills it once two chunks are saved: the writes of the chunks after them are
     * held before they reach HubSpot, and fail as from a dead process.
     */
    async function crashAfterTwoChunks(syncId: string) {
      const killed = gate();
      let dead = false;
      let writes = 0;
      let saves = 0;
      const clients = interceptedClients(stack.clients, "hubspot", async (req, http) => {
        if (req.method === "POST" && ++writes > 2) await killed.opened;
        if (dead) throw new Error("kill -9");
        return http.request(req);
      });
      const afterCheckpoint = async () => {
        if (++saves < 2) return;
        dead = true;
        killed.open();
      };
      await expect(run(syncId, deps({ clients, afterCheckpoint }))).rejects.toThrow("kill -9");
      const row = (await findInitialSync(db().db, syncId))!;
      expect(row.status).toBe("running");
      return (row.progress as Progress).seen;
    }

    const start = () => startContactsSync(db(), conn, clock.now());

    beforeAll(async () => {
      ({ stack, realm: us, conn } = await initialSyncStack(db(), clock, "to_hubspot"));
    });
    afterAll(() => stack.close());
    beforeEach(async () => {
      await control("hubspot", "DELETE", "/requests");
    });

    it("lists no HubSpot contact again after a crash, and decides as an uninterrupted run would", async () => {
      // 120 contacts were in HubSpot before; customer 480 has the e-mail of old contact 7, and
      // customer 499 that of customer 5 (created in the first chunk, before the crash).
      await oldContacts("Keep", 120);
      const emailOf = (i: number) =>
        i === 480 ? "old7@Keep.example" : i === 499 ? "new5@keep.example" : `new${i}@keep.example`;
      await customers("Keep", 500, emailOf);
      const customersInQbo = await countCustomers();
      const syncId = await start();
      expect(await crashAfterTwoChunks(syncId)).toBe(200); // two chunks of 100 saved
      const listedBeforeCrash = await contactLists();
      expect(listedBeforeCrash).toBe(2); // the index: 120 contacts, two pages

      await control("hubspot", "DELETE", "/requests");
      clock.advance(60_000); // the worker is replaced within a minute
      await run(syncId, deps());
      const done = (await findInitialSync(db().db, syncId))!;
      expect(done.status).toBe("done");
      expect(await contactLists()).toBe(0);

      const counts = (done.progress as Progress).counts;
      // Every customer but the one linked to old contact 7 and the one sent to review is created.
      expect(counts).toMatchObject({ created: customersInQbo - 2, linked: 1, review: 1 });
      const emails = await contactsNamed("Keep");
      expect(emails.filter((e) => e.startsWith("new"))).toHaveLength(498);
      expect(new Set(emails).size).toBe(emails.length); // nothing created twice
      const toReview = await db()
        .db.selectFrom("syncLedger")
        .select("decision")
        .where("jobId", "=", syncId)
        .where("decision", "like", "%sent to review%")
        .execute();
      expect(toReview.map((r) => r.decision)).toEqual([
        expect.stringMatching(/New Keep 499.*shares its match keys with another record created in this run/),
      ]);
      // A finished phase keeps no copy of its index.
      expect(
        await db().db.selectFrom("initialSyncIndex").selectAll().where("syncId", "=", syncId).execute(),
      ).toEqual([]);
    });

    it("reads HubSpot again when the saved index is older than the freshness window", async () => {
      await customers("Stale", 500, (i) => `new${i}@stale.example`);
      const syncId = await start();
      expect(await crashAfterTwoChunks(syncId)).toBeLessThan(await countCustomers());

      await control("hubspot", "DELETE", "/requests");
      clock.advance(INDEX_FRESH_MS + 60_000); // retried the next morning: others may have changed HubSpot
      await run(syncId, deps());
      expect((await findInitialSync(db().db, syncId))?.status).toBe("done");
      expect(await contactLists()).toBeGreaterThan(0);
      const emails = await contactsNamed("Stale");
      expect(emails).toHaveLength(500);
      expect(new Set(emails).size).toBe(500);
    });

    it("does not write again the chunks saved ahead of a failed one: the retry counts them and moves on", async () => {
      await customers("Ahead", 500, (i) => `new${i}@ahead.example`);
      const syncId = await start();
      const upserted: string[][] = [];
      const refuseSecond = gate();
      let upserts = 0;
      // The second chunk's write is held until two chunks sent after it have landed, then refused
      // for good; the chunks beside it are saved as they land, ahead of the checkpoint.
      const refusing = interceptedClients(stack.clients, "hubspot", async (req, http) => {
        if (!req.path.endsWith("/batch/upsert")) return http.request(req);
        const keys = (req.body as { inputs: Array<{ id: string }> }).inputs.map((i) => i.id);
        if (++upserts === 2) {
          await refuseSecond.opened;
          return err({ kind: "validation", retryable: false, message: "refused for the test" });
        }
        const res = await http.request(req);
        upserted.push(keys);
        if (upserted.length === 3) refuseSecond.open();
        return res;
      });
      await run(syncId, deps({ clients: refusing }));
      const failed = (await findInitialSync(db().db, syncId))!;
      expect(failed.status).toBe("failed");
      const checkpoint = (failed.progress as Progress).seen;
      const sentFirst = new Set(upserted.flat());
      expect(upserted.length).toBeGreaterThanOrEqual(3); // the first chunk and at least two after the refused one

      // Retry: only the refused chunk and those never sent are written; nothing is created twice.
      upserted.length = 0;
      await control("hubspot", "DELETE", "/requests");
      await runInitialSync(syncId, deps(), true);
      const done = (await findInitialSync(db().db, syncId))!;
      expect(done.status).toBe("done");
      const sentAgain = upserted.flat().filter((key) => sentFirst.has(key));
      expect(sentAgain).toEqual([]);
      // Nor updated: a linked record whose values are what was written gets no write.
      const writes = (await control("hubspot", "GET", "/requests")).requests!.filter(
        (r) => r.method === "POST",
      );
      expect(writes.map((r) => r.path).filter((path) => !path.endsWith("/batch/upsert"))).toEqual([]);
      const progress = done.progress as Progress;
      expect(progress.seen).toBe(await countCustomers());
      expect(Object.values(progress.counts).reduce((a, b) => a + b, 0)).toBe(progress.seen);
      // Each of the 500 counted once, as created: a saved chunk's own counts, not "nothing to write".
      expect(progress.counts.created).toBe(500);
      const emails = await contactsNamed("Ahead");
      expect(emails).toHaveLength(500);
      expect(new Set(emails).size).toBe(500);
      expect(checkpoint).toBeLessThan(progress.seen);
    });
  },
);
