import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/support/db.ts";
import { independentFigures, type Figures } from "../../../test/support/report-figures.ts";
import { buildReportWorld, type WorldInvoice } from "../../../test/support/report-world.ts";
import { startStack, type Stack } from "../../../test/support/stack.ts";
import { ManualClock } from "../../lib/clock.ts";

/** W4: every report and its CSV against figures computed from the emulators' own data. */
describeEachBackend("Reports (W4)", (db) => {
  const clock = new ManualClock("2026-11-02T17:00:00Z");
  const today = "2026-11-02";
  let stack: Stack;
  let world: WorldInvoice[];

  beforeAll(async () => {
    stack = await startStack(db(), clock);
    world = await buildReportWorld(stack);
  }, 60_000);
  afterAll(() => stack.close());

  const get = (path: string, locale = "en") =>
    stack.app.request(path, { headers: { cookie: stack.user.cookie, "accept-language": locale } });
  /** A CSV export as rows of cells (no quoted commas in this world's names). */
  const csv = async (path: string) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const text = (await res.text()).replace(/^\uFEFF/, "");
    return text
      .trim()
      .split("\r\n")
      .map((l) => l.split(","));
  };
  const c = (amount: string | undefined) => Math.round(Number(amount) * 100);

  async function expectCsvMatches(query: string, f: Figures) {
    const monthly = (await csv(`/reports/monthly.csv${query}`)).slice(1);
    expect(new Map(monthly.map((r) => [r[0], { invoiced: c(r[1]), collected: c(r[2]) }]))).toEqual(f.monthly);
    const aging = (await csv(`/reports/aging.csv${query}`)).slice(1);
    expect(aging.map((r) => c(r[2]))).toEqual(Object.values(f.aging));
    const overdue = (await csv(`/reports/overdue.csv${query}`)).slice(1);
    expect(overdue.map((r) => r[0]).sort()).toEqual([...f.overdue].sort());
    for (const [name, expected] of [
      ["owners", f.owners],
      ["pipelines", f.pipelines],
    ] as const) {
      const rows = (await csv(`/reports/${name}.csv${query}`)).slice(1);
      const got = new Map(
        rows.map((r) => [
          r[0]!.startsWith("No ") ? "(none)" : r[0]!,
          { invoiced: c(r[1]), collected: c(r[2]), open: c(r[3]) },
        ]),
      );
      expect(got).toEqual(expected);
    }
    const paid = (await csv(`/reports/days-to-pay.csv${query}`)).slice(1);
    const average = paid.length ? paid.reduce((s, r) => s + Number(r[3]), 0) / paid.length : null;
    expect(average).toEqual(f.averageDaysToPay);
  }

  it("matches the emulators' data for the whole US book", async () => {
    const f = await independentFigures(stack, world, { company: "us", today });
    expect(f.averageDaysToPay).not.toBeNull(); // the world has settled invoices to average
    await expectCsvMatches("", f);
  });

  it("matches within a date range and for one deal owner", async () => {
    const from = "2026-09-01";
    const to = "2026-10-15";
    await expectCsvMatches(
      `?from=${from}&to=${to}`,
      await independentFigures(stack, world, { company: "us", today, from, to }),
    );
    const owners = (await stack.hs("GET", "/crm/v3/owners")).body.results as Array<{
      id: string;
      lastName: string;
    }>;
    const ben = owners.find((o) => o.lastName === "Carter")!.id;
    const f = await independentFigures(stack, world, { company: "us", today, owner: ben });
    expect(f.owners.size).toBe(1);
    await expectCsvMatches(`?owner=${ben}`, f);
  });

  it("keeps currencies apart: the UK company's pounds only under GBP", async () => {
    const f = await independentFigures(stack, world, { company: "uk", today });
    await expectCsvMatches(`?currency=GBP`, f);
    await expectCsvMatches(`?currency=gbp&company=${stack.companies.uk.connectionId}`, f);
    const none = await csv(`/reports/monthly.csv?currency=GBP&company=${stack.companies.us.connectionId}`);
    expect(none).toHaveLength(1); // the header only
  });

  it("draws the charts inline, in either language, with no script and nothing remote", async () => {
    for (const [locale, heading] of [
      ["en", "Invoiced vs collected per month"],
      ["ja", "月別の請求額と回収額"],
    ] as const) {
      const res = await get("/reports", locale);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(heading);
      expect(html.match(/<svg class="chart"/g)).toHaveLength(4);
      expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
      expect(html).toContain('href="/reports/monthly.csv?currency=USD"');
    }
    const bytes = new Uint8Array(await (await get("/reports/aging.csv", "ja")).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM spreadsheets need for UTF-8
    const ja = new TextDecoder().decode(bytes);
    expect(ja.startsWith("期日からの経過日数,請求書数,未払い残高,通貨\r\n期日前,")).toBe(true);
  });

  it("refuses bad filters with a clear error and exports nothing for them", async () => {
    for (const bad of [
      "?from=yesterday",
      "?to=2026-02-30",
      "?from=2026-10-02&to=2026-10-01",
      "?currency=dollars",
      "?owner=x",
      "?company=conn-elsewhere",
    ]) {
      const page = await get(`/reports${bad}`);
      expect(page.status, bad).toBe(400);
      expect(await page.text()).toContain('role="alert"');
      expect((await get(`/reports/monthly.csv${bad}`)).status, bad).toBe(400);
    }
    expect((await get("/reports/everything.csv")).status).toBe(404);
  });

  it("is for signed-in users of the portal only", async () => {
    const res = await stack.app.request("/reports/monthly.csv");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain("/signin");
  });
});
