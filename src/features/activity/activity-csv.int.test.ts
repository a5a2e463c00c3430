import { expect, it } from "vitest";
import { testApp } from "../../../test/support/app.ts";
import { describeEachBackend } from "../../../test/support/db.ts";
import { signedInPortal } from "../../../test/support/session.ts";
import { ManualClock } from "../../lib/clock.ts";
import { recordLedger } from "./repo.ts";

/** The Activity page's CSV: the page's filters, the page's language, cells a spreadsheet cannot run. */
describeEachBackend("activity CSV export", (db) => {
  const clock = new ManualClock("2026-06-01T12:00:00Z");

  async function world() {
    const me = await signedInPortal(db().db, `csv${Math.random().toString(36).slice(2, 8)}`, clock.now());
    const other = await signedInPortal(db().db, `oth${Math.random().toString(36).slice(2, 8)}`, clock.now());
    const entry = (portalId: string, decision: string, outcome: "ok" | "failed", at: Date) =>
      recordLedger(db().db, {
        portalId,
        objectType: "invoice",
        objectId: "1001",
        trigger: "webhook",
        decision,
        outcome,
        vendorCalls: [{ vendor: "qbo", method: "GET", path: "/v3/company/1/invoice/1001", ms: 5 }],
        ...(outcome === "failed" ? { errorCategory: "validation", errorMessage: 'bad, "quoted" value' } : {}),
        at,
      });
    await entry(me.portalId, "=cmd|' /C calc'!A0", "failed", clock.now());
    await entry(me.portalId, "update deal properties", "ok", clock.now());
    await entry(me.portalId, "a week old entry", "ok", new Date(clock.now().getTime() - 3 * 86_400_000));
    await entry(other.portalId, "another portal's entry", "ok", clock.now());
    return me;
  }

  const csvLines = async (res: Response) => {
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await res.arrayBuffer());
    // The byte-order mark lets spreadsheet programs read Japanese headers as UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    return new TextDecoder().decode(bytes).trimEnd().split("\r\n");
  };

  it("exports what the page shows, filters included, with escaped and inert cells", async () => {
    const me = await world();
    const app = testApp(db(), clock);
    const get = (path: string) => app.request(path, { headers: { cookie: me.cookie } });

    const page = await (await get("/activity?outcome=failed&since=day")).text();
    expect(page).toContain('href="/activity.csv?outcome=failed&amp;since=day"');

    const all = await csvLines(await get("/activity.csv"));
    expect(all[0]).toBe("When,Object,Object ID,Trigger,Decision,Outcome,Vendor calls,Error");
    expect(all).toHaveLength(4); // header + this portal's three entries, none of the other's
    expect(all.join("\n")).not.toContain("another portal");

    const failed = await csvLines(await get("/activity.csv?outcome=failed"));
    expect(failed).toHaveLength(2);
    expect(failed[1]).toBe(
      `2026-06-01T12:00:00.000Z,invoice,1001,webhook,'=cmd|' /C calc'!A0,Failed,1,"[validation] bad, ""quoted"" value"`,
    );
    expect(await csvLines(await get("/activity.csv?since=day"))).toHaveLength(3);

    const ja = await csvLines(await get("/activity.csv?outcome=ok&lang=ja"));
    expect(ja[0]).toContain("オブジェクト ID");
    expect(ja[1]).toContain("成功");
    expect((await get("/activity.csv?outcome=exploded")).status).toBe(400);
  });

  it("sends signed-out visitors to sign in", async () => {
    const res = await testApp(db(), clock).request("/activity.csv");
    expect(res.status).toBe(302);
  });
});
