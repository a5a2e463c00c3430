import { describe, expect, it } from "vitest";
import { chromiumAvailable } from "../support/browser.ts";
import { dealNamed, openCardAction, useStory } from "./support/invoice-story.ts";

/**
 * Issue 19: a HubSpot user's language reaches Ledgerlink's card and wizard (ADR 0023). The browser
 * is English; the HubSpot user picked in the emulator's user switcher speaks Japanese, so the record
 * page, Ledgerlink's card and the wizard in its iframe are Japanese. (The machine has no CJK font:
 * screenshots show boxes, so the test reads text.)
 */
describe.skipIf(!chromiumAvailable())("a HubSpot user's language, in the browser (issue 19)", () => {
  const story = useStory();

  it("gives a Japanese HubSpot user the card and the invoice wizard in Japanese", async () => {
    const { stack } = story();
    const dealId = await dealNamed(stack, "Globex – licence expansion");
    const context = await story().browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await page.goto(`${stack.urls.hubspot}/contacts/${stack.hubspotPortalId}/record/0-3/${dealId}`);
    // The installing user (English, super admin) is looking until someone else is picked.
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await expect
      .poll(() => page.locator("article.card").getByRole("button").allTextContents())
      .toContain("Create invoice");

    await page.selectOption(".user-switcher select[name=userId]", { label: "Aiko Tanaka (日本語)" });
    await Promise.all([page.waitForURL(/\/record\/0-3\//), page.click(".user-switcher button")]);
    expect(await page.locator("html").getAttribute("lang")).toBe("ja");
    expect(await page.locator("section.cards h2").innerText()).toBe("アプリカード");
    const card = page.locator("article.card");
    expect(await card.getByRole("button").allTextContents()).toEqual(["請求書を作成", "既存の請求書を追加"]);

    const frame = await openCardAction(page, "請求書を作成");
    expect(await frame.locator("html").getAttribute("lang")).toBe("ja");
    expect(await frame.locator("h1").innerText()).toBe("請求書を作成");
    await frame.selectOption("select[name=connectionId]", stack.companies.us.connectionId);
    await Promise.all([frame.waitForURL(/\/source/), frame.click("button[value=next]")]);
    expect(await frame.locator("body").innerText()).toContain("見積もりから作成");
    await context.close();
  });
});
