import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { recordLedger } from "../../src/features/activity/repo.ts";
import { addReview } from "../../src/features/record-sync/repo/review-items.ts";
import { reviewReason } from "../../src/features/record-sync/review-reason.ts";
import { chromiumAvailable } from "../support/browser.ts";
import { screenshotFile } from "../support/screenshots.ts";
import { useStory, type Story } from "./support/invoice-story.ts";

const WIDTHS = [900, 1400] as const;
const LANGS = ["en", "ja"] as const;

/**
 * Issue 20, item 2, looked at: Sync, Mappings, Overview, Activity and Invoices at HubSpot's
 * 900-pixel modal width and at 1,400 pixels, in English and Japanese. Each is saved as a
 * screenshot (screenshots/settings/) and checked for horizontal overflow; the open company and tab
 * are marked, focus is visible from the keyboard, and destructive actions are red and confirmed.
 */
describe.skipIf(!chromiumAvailable())(
  "settings and list pages at 900 and 1,400 px, in both languages",
  () => {
    const story = useStory();
    let seeded = false;

    async function seed(s: Story) {
      if (seeded) return;
      seeded = true;
      const { stack } = s;
      const conn = stack.companies.us.connectionId;
      const dealId = (await stack.hs("GET", "/crm/v3/objects/deals?limit=1")).body.results[0].id;
      const q = encodeURIComponent("SELECT * FROM Invoice ORDERBY Id");
      const invoices = (await stack.qboApi(stack.companies.us.realmId, "GET", `/query?query=${q}`)).body
        .QueryResponse.Invoice;
      await stack.follow("us", invoices.slice(0, 4), [{ objectType: "deals", objectId: dealId }]);
      const at = s.clock.now();
      await recordLedger(s.db.db, {
        portalId: stack.portalId,
        connectionId: conn,
        objectType: "invoice",
        objectId: "1001",
        trigger: "webhook",
        decision: "updated the deal's five invoice properties from QuickBooks invoice 1001",
        outcome: "ok",
        vendorCalls: [{ vendor: "hubspot", method: "PATCH", path: "/crm/v3/objects/deals/1", ms: 12 }],
        at,
      });
      await recordLedger(s.db.db, {
        portalId: stack.portalId,
        connectionId: conn,
        objectType: "customer",
        objectId: "58",
        trigger: "cdc",
        decision: "could not create the HubSpot contact",
        outcome: "failed",
        errorCategory: "validation",
        errorMessage:
          "Property values were not valid: a very long explanation that must wrap inside its cell",
        at,
      });
      await addReview(
        s.db.db,
        {
          connectionId: conn,
          kind: "contact",
          side: "qbo",
          recordId: "58",
          label: "Mia Wong (Acme)",
          reason: reviewReason({
            by: "name and company",
            keys: [
              {
                by: "name and company",
                key: "k",
                parts: [
                  ["firstName", "Mia"],
                  ["lastName", "Wong"],
                  ["company", "Acme"],
                ],
              },
            ],
            email: "mia.other@acme.example",
            target: "hubspot",
            candidates: 1,
            linkedElsewhere: false,
          }),
          candidates: [{ id: "100053", label: "Mia Wong", email: "mia@acme.example" }],
        },
        at,
      );
    }

    async function open(s: Story, lang: "en" | "ja", width: number): Promise<Page> {
      const context = await s.browser.newContext({
        locale: lang === "ja" ? "ja-JP" : "en-US",
        viewport: { width, height: 900 },
      });
      await context.addCookies(
        s.stack.user.cookie.split("; ").map((pair) => {
          const [name, value] = pair.split("=") as [string, string];
          return { name, value, url: s.stack.urls.ledgerlink };
        }),
      );
      return context.newPage();
    }

    const overflow = (page: Page) =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

    for (const lang of LANGS)
      for (const width of WIDTHS)
        it(`lays out every page in ${lang} at ${width} px, with nothing wider than the window`, async () => {
          const s = story();
          await seed(s);
          const conn = s.stack.companies.us.connectionId;
          const page = await open(s, lang, width);
          const pages: Array<[name: string, path: string]> = [
            ["overview", "/"],
            ["sync-contacts", `/sync?company=${conn}&tab=contacts`],
            ["sync-products", `/sync?company=${conn}&tab=products`],
            ["mappings", `/mappings?company=${conn}&object=contact`],
            ["activity", "/activity"],
            ["invoices", "/invoices"],
          ];
          for (const [name, path] of pages) {
            const res = await page.goto(
              `${s.stack.urls.ledgerlink}${path}${path.includes("?") ? "&" : "?"}lang=${lang}`,
            );
            expect(res?.status(), name).toBe(200);
            await page.screenshot({
              path: screenshotFile(`settings/${name}-${lang}-${width}`),
              fullPage: true,
            });
            expect(await overflow(page), `${name} overflows at ${width} px in ${lang}`).toBeLessThanOrEqual(
              0,
            );
          }
          await page.context().close();
        });

    it("marks the open company and tab, shows keyboard focus, and confirms a delete before doing it", async () => {
      const s = story();
      await seed(s);
      const conn = s.stack.companies.us.connectionId;
      const page = await open(s, "en", 900);
      await page.goto(`${s.stack.urls.ledgerlink}/sync?company=${conn}&tab=products&lang=en`);
      expect(await page.locator("nav.tabs.companies a[aria-current=page]").textContent()).toBe(
        s.stack.companies.us.name,
      );
      expect(await page.locator("nav.tabs:not(.companies) a[aria-current=page]").textContent()).toBe(
        "Products",
      );
      // The tabs sit apart: each link is its own box, not text run together.
      const boxes = await page
        .locator("nav.tabs:not(.companies) a")
        .evaluateAll((links) => links.map((l) => (l as HTMLElement).getBoundingClientRect().left));
      expect(boxes[1]! - boxes[0]!).toBeGreaterThan(40);

      // Keyboard focus draws an outline.
      await page.keyboard.press("Tab");
      const outline = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        return getComputedStyle(el).outlineStyle;
      });
      expect(outline).toBe("solid");

      // Delete is red, hidden behind its confirm box, and deletes only from there.
      await page.goto(`${s.stack.urls.ledgerlink}/mappings?company=${conn}&object=contact&lang=en`);
      const rows = await page.locator("#mappings tbody tr").count();
      const summary = page.locator("#mappings details.confirm summary").first();
      expect(await summary.evaluate((el) => getComputedStyle(el).color)).toBe("rgb(180, 35, 24)");
      const confirmButton = page.locator("#mappings details.confirm button.danger").first();
      expect(await confirmButton.isVisible()).toBe(false);
      await summary.click();
      expect(await confirmButton.isVisible()).toBe(true);
      await page.screenshot({
        path: screenshotFile("settings/mappings-delete-confirm-en-900"),
        fullPage: true,
      });
      expect(await overflow(page), "the open confirm box fits the 900 px page").toBeLessThanOrEqual(0);
      await confirmButton.click();
      expect(await page.locator("[role=status]").textContent()).toBe("Mapping deleted.");
      expect(await page.locator("#mappings tbody tr").count()).toBe(rows - 1);
      await page.context().close();
    });
  },
);
