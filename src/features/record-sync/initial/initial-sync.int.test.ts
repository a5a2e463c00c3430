import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../../test/support/db.ts";
import { startStack, type Stack } from "../../../../test/support/stack.ts";
import { findInitialSync } from "../repo/initial-syncs.ts";
import { findPortal } from "../../connections/repo/portals.ts";
import { ManualClock } from "../../../lib/clock.ts";
import { CONTACT_KIND } from "../kinds.ts";
import { syncSettingsSchema, type SyncSettings } from "../../settings/schema.ts";
import { saveSettings } from "../../settings/store.ts";
import { ensureSyncSetup } from "../../settings/setup.ts";
import type { Progress } from "./progress.ts";
import { startProgress } from "./progress.ts";
import { pauseInitialSync, previewInitialSync, resumeInitialSync, startInitialSync } from "./service.ts";
import { runPhase } from "./phase.ts";

/** The explicit first-time backfill (C4): preview writes nothing, start runs as a job, pause/resume, never a duplicate. */
describeEachBackend("initial sync (C4)", (db) => {
  const clock = new ManualClock("2026-11-02T17:00:00Z");
  let stack: Stack;
  let us: string;
  let conn: string;

  beforeAll(async () => {
    stack = await startStack(db(), clock);
    us = stack.companies.us.realmId;
    conn = stack.companies.us.connectionId;
    await ensureSyncSetup(db().db, conn, clock.now());
  });
  afterAll(() => stack.close());

  async function settings(change: (s: SyncSettings) => void) {
    const s = syncSettingsSchema.parse({});
    s.contacts.enabled = true;
    change(s);
    await saveSettings(db().db, conn, s, clock.now());
  }
  const countQbo = async () =>
    (
      await stack.qboApi(
        us,
        "GET",
        `/query?query=${encodeURIComponent("SELECT COUNT(*) FROM Customer WHERE Active IN (true, false)")}`,
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

  it("previews QBO → HubSpot without writing anything, then runs it as a visible job", async () => {
    await settings((s) => void (s.contacts.direction = "to_hubspot"));
    const contactsBefore = await countHubSpot();
    const preview = await previewInitialSync(db().db, stack.clients, conn, "contacts", () => clock.now());
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    const [phase] = preview.value.phases;
    const customers = (
      await stack.qboApi(us, "GET", `/query?query=${encodeURIComponent("SELECT COUNT(*) FROM Customer")}`)
    ).body.QueryResponse.totalCount;
    expect(phase?.progress.seen).toBe(customers);
    expect(
      phase!.progress.counts.created + phase!.progress.counts.linked + phase!.progress.counts.review,
    ).toBe(customers);
    expect(phase!.progress.examples.created?.length).toBeGreaterThan(0);
    expect(await countHubSpot()).toBe(contactsBefore);
    expect(await db().db.selectFrom("recordLinks").select("qboId").execute()).toHaveLength(0);

    const started = await startInitialSync(db().db, stack.queue, conn, "contacts", clock.now());
    expect(started.ok).toBe(true);
    expect(await startInitialSync(db().db, stack.queue, conn, "contacts", clock.now())).toEqual({
      ok: false,
      error: "initial.running",
    });
    while ((await stack.drain()) > 0);
    const row = await findInitialSync(db().db, started.ok ? started.value : "");
    expect(row?.status).toBe("done");
    const progress = row!.progress as Progress;
    expect(progress.counts.created).toBe(phase!.progress.counts.created);
    expect(await countHubSpot()).toBe(contactsBefore + phase!.progress.counts.created);
    const ledger = await db()
      .db.selectFrom("syncLedger")
      .select("objectId")
      .where("jobId", "=", row!.syncId)
      .execute();
    expect(ledger).toHaveLength(customers);

    // Running it again links nothing new and creates nothing: every customer is linked already.
    const again = await startInitialSync(db().db, stack.queue, conn, "contacts", clock.now());
    while ((await stack.drain()) > 0);
    const second = (await findInitialSync(db().db, again.ok ? again.value : ""))!.progress as Progress;
    expect(second.counts.created).toBe(0);
    expect(await countHubSpot()).toBe(contactsBefore + phase!.progress.counts.created);
  });

  it("pauses and resumes HubSpot → QBO page by page, with no duplicate after an interruption", async () => {
    await settings((s) => void (s.contacts.direction = "to_qbo"));
    // More than one chunk of QBO creates (333, ADR 0044), so a run can stop between two.
    const inputs = Array.from({ length: 500 }, (_, i) => ({
      properties: { email: `bulk${i}@bulk.example`, firstname: "Bulk", lastname: `Person ${i}` },
    }));
    for (let i = 0; i < inputs.length; i += 100)
      expect(
        (
          await stack.hs("POST", "/crm/v3/objects/contacts/batch/create", {
            inputs: inputs.slice(i, i + 100),
          })
        ).status,
      ).toBe(201);
    const qboBefore = await countQbo();

    const started = await startInitialSync(db().db, stack.queue, conn, "contacts", clock.now());
    const syncId = started.ok ? started.value : "";
    expect(await pauseInitialSync(db().db, syncId, clock.now())).toBe(true);
    await stack.drain(); // the queued run sees the pause and stops before any page
    expect((await findInitialSync(db().db, syncId))?.status).toBe("paused");
    expect(await countQbo()).toBe(qboBefore);

    // One page, then an interruption (the checkpoint answers "paused"), straight through the runner.
    const portal = (await findPortal(db().db, stack.portalId))!;
    const progress = startProgress("to_qbo");
    const settingsNow = syncSettingsSchema.parse({ contacts: { enabled: true, direction: "to_qbo" } });
    const ctx = {
      db: db().db,
      now: () => clock.now(),
      hubspot: stack.clients.hubspot(portal),
      qbo: stack.clients.qbo({ connectionId: conn, realmId: us }),
      connection: { connectionId: conn, realmId: us, portalId: stack.portalId },
      settings: settingsNow,
      kind: CONTACT_KIND,
      syncId: "manual-run",
      dryRun: false,
      progress,
      checkpoint: async () => false,
    };
    expect(await runPhase(ctx, "to_qbo")).toEqual({ ok: true, value: "paused" });
    const afterOnePage = await countQbo();
    expect(afterOnePage).toBeGreaterThan(qboBefore);
    expect(afterOnePage).toBeLessThan(qboBefore + 500);

    expect(await resumeInitialSync(db().db, stack.queue, syncId, clock.now())).toBe(true);
    while ((await stack.drain()) > 0);
    expect((await findInitialSync(db().db, syncId))?.status).toBe("done");
    const bulk = await stack.qboApi(
      us,
      "GET",
      `/query?query=${encodeURIComponent("SELECT COUNT(*) FROM Customer WHERE GivenName = 'Bulk'")}`,
    );
    expect(bulk.body.QueryResponse.totalCount).toBe(500);
  });

  it("shows a finished two-way run in its preview's shape: one table per direction, same headings", async () => {
    await settings((s) => void (s.contacts.direction = "two_way"));
    const get = async (path: string) =>
      (await stack.app.request(path, { headers: { cookie: stack.user.cookie } })).text();
    const directions = (html: string) => [...html.matchAll(/data-direction="(\w+)"/g)].map((m) => m[1]);
    const headings = (html: string) => [...html.matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => m[1]);

    const preview = await get(`/sync/${conn}/initial/contacts/preview`);
    expect(directions(preview)).toEqual(["to_hubspot", "to_qbo"]);
    expect(preview).toContain("To create");
    expect(preview).toMatch(
      /<p id="eta">Time at the vendors&#39; rate limits: (about \d+ minutes?|less than a minute)/,
    );
    expect(preview).toContain(`href="/sync?company=${conn}&amp;tab=contacts"`);

    const started = await startInitialSync(db().db, stack.queue, conn, "contacts", clock.now());
    while ((await stack.drain()) > 0);
    const syncId = started.ok ? started.value : "";
    const row = (await findInitialSync(db().db, syncId))!;
    expect(row.status).toBe("done");
    const progress = row.progress as Progress;
    expect(progress.finished?.map((f) => f.phase)).toEqual(["to_hubspot", "to_qbo"]);
    // Each direction counts on its own: its records read are its own side's, not the sum.
    const [toHubSpot, toQbo] = progress.finished!;
    expect(toHubSpot!.seen).toBe(await countQbo());
    expect(toQbo!.seen).toBe(await countHubSpot());

    const result = await get(`/sync/${conn}/initial/run/${syncId}`);
    expect(directions(result)).toEqual(directions(preview));
    expect(headings(result)).toEqual(headings(preview));
    expect(result).toContain("Created");
    expect(result).not.toContain("To create");
    const seen = [...result.matchAll(/data-count="seen" class="number">(\d+)</g)].map((m) => Number(m[1]));
    expect(seen).toEqual([toHubSpot!.seen, toQbo!.seen]);
    expect(result).toContain(`href="/sync?company=${conn}&amp;tab=contacts"`);
  });

  it("gives every refusal page a way back to the settings it came from", async () => {
    await settings((s) => void (s.contacts.enabled = false));
    const res = await stack.app.request(`/sync/${conn}/initial/contacts/preview`, {
      headers: { cookie: stack.user.cookie },
    });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('<p class="back"><a href="/sync?company=');
    expect(html).toContain("&amp;tab=contacts");
    expect(html).toContain("Back to the sync settings");
  });
});
