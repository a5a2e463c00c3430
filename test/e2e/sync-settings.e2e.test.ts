import { describe, expect, it } from "vitest";
import { chromiumAvailable } from "../support/browser.ts";
import { useStory } from "./support/invoice-story.ts";

/**
 * Issue 7 in Chromium: a user changes a contact setting, adds, edits and deletes a field mapping,
 * previews the initial sync, starts it, pauses and resumes it, and watches it finish.
 */
describe.skipIf(!chromiumAvailable())(
  "sync settings, mappings and the initial sync in the browser (C, M, C4)",
  () => {
    const story = useStory();

    it("changes a contact setting, edits mappings, previews and runs the initial sync", async () => {
      const { stack, browser } = story();
      const context = await browser.newContext({ locale: "en-US" });
      const [session, csrf] = stack.user.cookie.split("; ").map((c) => c.split("=")[1]!);
      await context.addCookies([
        { name: "ll_session", value: session!, url: stack.urls.ledgerlink },
        { name: "ll_csrf", value: csrf!, url: stack.urls.ledgerlink },
      ]);
      const page = await context.newPage();
      const conn = stack.companies.us.connectionId;

      await page.goto(`${stack.urls.ledgerlink}/sync?company=${conn}&tab=contacts`);
      await page.check("input[name=enabled]");
      await page.selectOption("select[name=direction]", "to_hubspot");
      await page.selectOption("select[name=deleteRule]", "archive");
      await page.click("form.settings button[type=submit]");
      expect(await page.locator("[role=status]").textContent()).toBe(
        "Settings saved. They apply to the next change.",
      );
      expect(await page.locator("select[name=direction]").inputValue()).toBe("to_hubspot");
      expect(await page.locator("select[name=deleteRule]").inputValue()).toBe("archive");

      await page.click("text=Field mappings for this company");
      // First the pair, then a direction among those it allows.
      await page.selectOption("#pick-pair select[name=property]", "jobtitle");
      await page.selectOption("#pick-pair select[name=field]", "Title");
      await page.click("#pick-pair button[type=submit]");
      expect(
        await page
          .locator("#add-mapping select[name=direction] option")
          .evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value)),
      ).toEqual(["to_hubspot", "to_qbo", "both"]);
      await page.selectOption("#add-mapping select[name=direction]", "both");
      await page.click("#add-mapping button[type=submit]");
      expect(await page.locator("[role=status]").textContent()).toBe("Mapping added.");
      const row = page.locator('tr[data-mapping="jobtitle:Title"]');
      expect(await row.locator("td").nth(2).textContent()).toBe("Both ways");
      expect(await row.locator("td").nth(3).textContent()).toBe("Added");
      await row.locator("text=Edit").click();
      await page.selectOption("#edit-mapping select[name=direction]", "to_qbo");
      await page.click("#edit-mapping button[type=submit]");
      expect(await page.locator('tr[data-mapping="jobtitle:Title"] td').nth(2).textContent()).toBe(
        "HubSpot → QuickBooks",
      );
      await page.locator('tr[data-mapping="jobtitle:Title"] details.confirm summary').click();
      await page.locator('tr[data-mapping="jobtitle:Title"] button.danger').click();
      expect(await page.locator("[role=status]").textContent()).toBe("Mapping deleted.");
      expect(await page.locator('tr[data-mapping="jobtitle:Title"]').count()).toBe(0);

      await page.goto(`${stack.urls.ledgerlink}/sync?company=${conn}&tab=contacts`);
      await page.click("text=Preview the initial sync");
      const toCreate = Number(await page.locator('[data-count="created"]').first().textContent());
      expect(toCreate).toBeGreaterThan(0);
      expect(await page.locator("#eta").textContent()).toMatch(/about \d+ minutes?$|less than a minute$/);
      await page.click("text=Start the initial sync");
      expect(await page.locator("#status").getAttribute("data-status")).toBe("running");
      await page.click("button:has-text('Pause')");
      expect(await page.locator("#status").getAttribute("data-status")).toBe("paused");
      await page.click("button:has-text('Resume')");
      expect(await page.locator("#status").getAttribute("data-status")).toBe("running");
      while ((await stack.drain()) > 0);
      // The running page refreshes itself every 2 s; a reload of our own could race that refresh.
      await page.waitForSelector('#status[data-status="done"]');
      expect(Number(await page.locator('[data-count="created"]').textContent())).toBe(toCreate);
      await context.close();
    });
  },
);
