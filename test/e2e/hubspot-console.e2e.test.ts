import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { CARD_TITLE } from "../../src/connectors/hubspot/card-definition.ts";
import { chromiumAvailable } from "../support/browser.ts";
import { dealNamed, useStory, type Story } from "./support/invoice-story.ts";

/** Git-ignored (`.ledgerlink/`): pictures of each screen for a person to look at, never compared. */
const SHOTS = join(process.cwd(), ".ledgerlink", "screenshots");
const WIDTHS = [900, 1400] as const;

async function shoot(page: Page, name: string, lang: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({
      path: join(SHOTS, `hubspot-console-${name}-${lang}-${width}.png`),
      fullPage: true,
    });
  }
}

async function openConsole(story: Story, lang: "en" | "ja"): Promise<Page> {
  const context = await story.browser.newContext({ locale: lang === "ja" ? "ja-JP" : "en-US" });
  const page = await context.newPage();
  await page.goto(`${story.stack.urls.hubspot}/?lang=${lang}`);
  return page;
}

/**
 * Issue 19's HubSpot console in Chromium, on the whole stack: from the portal list to a contact
 * found by the search box, whose record page shows Ledgerlink's card; then the workflows page runs
 * Ledgerlink's "Create QuickBooks invoice" action on a deal and shows the execution to its end.
 */
describe.skipIf(!chromiumAvailable())("HubSpot emulator console in the browser", () => {
  const story = useStory();

  for (const lang of ["en", "ja"] as const) {
    it(`(${lang}) searches contacts, opens one and sees Ledgerlink's card with Add existing invoice`, async () => {
      const { stack } = story();
      const page = await openConsole(story(), lang);
      await shoot(page, "home", lang);
      const portal = page.locator(`li[data-portal-id="${stack.hubspotPortalId}"]`);
      await portal.locator(`a[href*="/objects/0-1/"]`).click();
      await page.locator("input[type=search]").fill("jane");
      await Promise.all([page.waitForURL(/q=jane/), page.locator("form.search button").click()]);
      expect(await page.locator("tr[data-record-id]").count()).toBe(1);
      await shoot(page, "contacts-search", lang);

      await Promise.all([page.waitForURL(/\/record\/0-1\//), page.locator("tr[data-record-id] a").click()]);
      expect(await page.locator("h1").textContent()).toBe("Jane Doe");
      const card = page.locator("article.card");
      await expect.poll(() => card.locator("h3").textContent()).toBe(CARD_TITLE);
      expect(await card.locator("button.action").count()).toBeGreaterThan(0);
      if (lang === "en")
        expect(await card.getByRole("button", { name: "Add existing invoice" }).count()).toBe(1);
      await shoot(page, "contact", lang);

      // The company's page is one click away (its association) and carries the card too.
      await page.locator("aside.about a", { hasText: "Acme Corporation" }).click();
      await expect.poll(() => page.locator("h1").textContent()).toBe("Acme Corporation");
      await expect.poll(() => page.locator("article.card h3").textContent()).toBe(CARD_TITLE);
      await page.context().close();
    });

    it(`(${lang}) runs the workflow action on a deal and follows the execution back to the deal`, async () => {
      const { stack } = story();
      const dealName = lang === "en" ? "Initech – consulting" : "Umbrella – pilot";
      const dealId = await dealNamed(stack, dealName);
      const page = await openConsole(story(), lang);
      await page.locator(`li[data-portal-id="${stack.hubspotPortalId}"] a[href*="/workflows/"]`).click();
      const box = page.locator(`section[data-action-id="${stack.workflowActionId}"]`);
      await box.locator("select[name=record]").selectOption(`DEAL:${dealId}`);
      await box.locator('select[name="input.qbo_company"]').selectOption(stack.companies.us.connectionId);
      await box.locator('select[name="input.send"]').selectOption("leave_unsent");
      await shoot(page, "workflows", lang);
      await Promise.all([page.waitForURL(/\/executions\//), box.locator("button[type=submit]").click()]);
      const state = () => page.locator("[data-state]").getAttribute("data-state");
      expect(["BLOCKED", "ASYNC", "SUCCESS"]).toContain(await state());

      // The worker creates the invoice and completes the callback; the page then shows the end.
      await stack.drain();
      await page.reload();
      expect(await state()).toBe("SUCCESS");
      expect(await page.locator('dd[data-field="qbo_invoice_number"]').textContent()).toMatch(/\S/);
      await shoot(page, "execution", lang);

      await Promise.all([page.waitForURL(/\/record\/0-3\//), page.locator("a[data-record-link]").click()]);
      expect(await page.locator("h1").textContent()).toBe(dealName);
      await page.context().close();
    });
  }
});
