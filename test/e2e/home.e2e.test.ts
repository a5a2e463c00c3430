import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { listen, type RunningServer } from "../../src/emulators/kit/serve.ts";
import { ensureInstalledAt } from "../../src/db/instance.ts";
import type { DatabaseHandle } from "../../src/db/kysely.ts";
import { ManualClock } from "../../src/lib/clock.ts";
import { testApp } from "../support/app.ts";
import { chromiumAvailable, launchBrowser } from "../support/browser.ts";
import { openTestDatabase } from "../support/db.ts";

describe.skipIf(!chromiumAvailable())("home page in Chromium", () => {
  let database: DatabaseHandle;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    database = await openTestDatabase({ kind: "pglite" });
    const clock = new ManualClock("2026-05-01T08:00:00Z");
    await ensureInstalledAt(database.db, clock);
    server = await listen(testApp(database, clock).fetch, 0);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.close();
  });

  it("shows the overview in English for an English browser", async () => {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await page.goto(server.url);
    expect(await page.locator("h1").textContent()).toBe("Overview");
    expect(await page.locator("nav[aria-label=Main] a").allTextContents()).toEqual([
      "Connections",
      "Invoices",
      "Automations",
      "Sync",
      "Mappings",
      "Reports",
      "Activity",
    ]);
    await context.close();
  });

  it("shows it in Japanese for a Japanese browser, and the switch goes back to English", async () => {
    const context = await browser.newContext({ locale: "ja-JP" });
    const page = await context.newPage();
    await page.goto(server.url);
    expect(await page.locator("h1").textContent()).toBe("概要");
    expect(await page.locator("html").getAttribute("lang")).toBe("ja");
    await page.click("a[lang=en]");
    expect(await page.locator("h1").textContent()).toBe("Overview");
    await context.close();
  });
});
