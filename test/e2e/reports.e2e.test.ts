import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chromiumAvailable } from "../support/browser.ts";
import { independentFigures, type Figures } from "../support/report-figures.ts";
import { buildReportWorld, type WorldInvoice } from "../support/report-world.ts";
import { useStory, type Story } from "./support/invoice-story.ts";

/**
 * W4 in Chromium: invoices and payments made in QuickBooks reach Ledgerlink through webhooks and
 * the worker; the Reports page draws its charts with nothing fetched from anywhere else, its
 * figures equal those computed from the QBO emulator's own data, and each CSV downloads.
 */
describe.skipIf(!chromiumAvailable())("the Reports page (W4)", () => {
  const story = useStory();
  const today = "2026-11-02"; // the story's clock, in both companies' time zones
  let world: WorldInvoice[] | undefined;

  async function open(s: Story, path: string, locale: "en" | "ja") {
    world ??= await buildReportWorld(s.stack);
    const context = await s.browser.newContext({ locale: locale === "ja" ? "ja-JP" : "en-US" });
    const origin = s.stack.urls.ledgerlink;
    await context.addCookies(
      s.stack.user.cookie.split("; ").map((pair) => {
        const [name, value] = pair.split("=") as [string, string];
        return { name, value, url: origin };
      }),
    );
    const page = await context.newPage();
    const elsewhere: string[] = [];
    page.on("request", (req) => {
      if (!req.url().startsWith(origin)) elsewhere.push(req.url());
    });
    await page.goto(`${origin}${path}`);
    return { page, elsewhere };
  }

  const cents = (page: Page, selector: string) =>
    page.locator(selector).evaluateAll((cells) => cells.map((c) => Number(c.getAttribute("data-cents"))));

  async function expectFigures(page: Page, f: Figures) {
    const months = await page.locator("table[data-report=monthly] tbody tr td:first-child").allTextContents();
    expect(months).toEqual([...f.monthly.keys()].sort());
    expect(await cents(page, "#chart-monthly rect[data-series=invoiced]")).toEqual(
      months.map((m) => f.monthly.get(m)!.invoiced),
    );
    expect(await cents(page, "#chart-monthly rect[data-series=collected]")).toEqual(
      months.map((m) => f.monthly.get(m)!.collected),
    );
    expect(await cents(page, "#chart-aging rect[data-series=open]")).toEqual(Object.values(f.aging));
    const overdue = await page
      .locator("table[data-report=overdue] tbody tr td:first-child")
      .allTextContents();
    expect(overdue.sort()).toEqual([...f.overdue].sort());
    const owners = await page
      .locator("#chart-owners g[data-category]")
      .evaluateAll((groups) =>
        groups.map((g) => [
          g.getAttribute("data-category"),
          ...[...g.querySelectorAll("rect")].map((r) => Number(r.getAttribute("data-cents"))),
        ]),
      );
    const expected = [...f.owners].map(([name, v]) => [name, v.invoiced, v.collected, v.open]);
    const named = owners.map(([name, ...v]) => [String(name).startsWith("No ") ? "(none)" : name, ...v]);
    expect(named.sort()).toEqual(expected.sort());
    const average = await page.locator("p.summary").getAttribute("data-average-days");
    expect(Number(average)).toBeCloseTo(f.averageDaysToPay!, 2);
  }

  it("shows the charts and figures equal to the QBO emulator's data, and downloads a CSV", async () => {
    const s = story();
    const { page, elsewhere } = await open(s, "/reports", "en");
    await expect.poll(() => page.locator("svg.chart").count()).toBe(4);
    for (const chart of await page.locator("svg.chart").all()) expect(await chart.isVisible()).toBe(true);
    await expectFigures(page, await independentFigures(s.stack, world!, { company: "us", today }));

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("#report-monthly a[download]").click(),
    ]);
    expect(download.suggestedFilename()).toBe(`ledgerlink-monthly-USD-${today}.csv`);
    const csv = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "");
    const f = await independentFigures(s.stack, world!, { company: "us", today });
    const rows = csv
      .trim()
      .split("\r\n")
      .slice(1)
      .map((l) => l.split(","));
    expect(rows).toEqual(
      [...f.monthly.keys()]
        .sort()
        .map((m) => [
          m,
          (f.monthly.get(m)!.invoiced / 100).toFixed(2),
          (f.monthly.get(m)!.collected / 100).toFixed(2),
          "USD",
        ]),
    );
    expect(elsewhere).toEqual([]);
  });

  it("filters by date range and owner through the form, in Japanese", async () => {
    const s = story();
    const { page, elsewhere } = await open(s, "/reports", "ja");
    expect(await page.locator("#report-monthly h2").textContent()).toBe("月別の請求額と回収額");
    expect(await page.locator("#chart-monthly title").first().textContent()).toBe(
      "グラフ: 月別の請求額と回収額",
    );
    await page.locator("input[name=from]").fill("2026-09-01");
    await page.locator("input[name=to]").fill("2026-10-15");
    await page.locator("select[name=owner]").selectOption({ label: "Ben Carter" });
    await Promise.all([page.waitForURL(/owner=/), page.locator("form.filters button").click()]);
    const owners = (await s.stack.hs("GET", "/crm/v3/owners")).body.results as Array<{
      id: string;
      lastName: string;
    }>;
    const owner = owners.find((o) => o.lastName === "Carter")!.id;
    await expectFigures(
      page,
      await independentFigures(s.stack, world!, {
        company: "us",
        today,
        from: "2026-09-01",
        to: "2026-10-15",
        owner,
      }),
    );
    expect(elsewhere).toEqual([]);
  });
});
