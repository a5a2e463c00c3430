import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable } from "../support/browser.ts";
import { openTestDatabase } from "../support/db.ts";
import type { DatabaseHandle } from "../../src/db/kysely.ts";
import { createSession } from "../../src/features/connections/repo/sessions.ts";
import { insertRule, listFirings } from "../../src/features/automations/repo.ts";
import {
  dealNamed,
  dealProperty,
  follow,
  letTheWorkerRun,
  openRecord,
  qboInvoice,
  startStory,
  type Story,
} from "./support/invoice-story.ts";

const SHOTS = "screenshots";

/** Ledgerlink's own pages, signed in as the stack's user, 900 px wide. */
async function openLedgerlink(story: Story, path: string, cookie = story.stack.user.cookie): Promise<Page> {
  const { stack } = story;
  const context = await story.browser.newContext({ viewport: { width: 900, height: 900 }, locale: "en-US" });
  const cookies = cookie.split("; ").map((pair) => {
    const [name = "", value = ""] = pair.split("=");
    return { name, value, url: stack.urls.ledgerlink };
  });
  await context.addCookies(cookies);
  const page = await context.newPage();
  await page.goto(`${stack.urls.ledgerlink}${path}`);
  return page;
}

/**
 * Issue 19's acceptance: in the demo, "Travel forward → 40 days" on Ledgerlink's banner moves the
 * HubSpot emulator, the QBO emulator and Ledgerlink together, and the deal's invoice, due 30 days
 * after it was issued, shows overdue on the deal and its card, fires its "overdue" automation and is
 * in the reports' overdue list (ADR 0025), with no one waiting for the hourly schedule.
 */
describe.skipIf(!chromiumAvailable())("time travel in the demo (issue 19)", () => {
  let db: DatabaseHandle;
  let story: Story;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    db = await openTestDatabase({ kind: "pglite" });
    story = await startStory(db, "2026-11-02T17:00:00Z", { timeTravel: true });
  });
  afterAll(async () => {
    await story?.close();
    await db?.close();
  });

  it("travels 40 days from the banner: the deal's invoice is overdue in HubSpot and on the card, its automation fires, the reports show it", async () => {
    const { stack } = story;
    const dealId = await dealNamed(stack, "Initech – consulting");
    const invoice = await qboInvoice(stack, stack.companies.us.realmId, {
      amount: 480,
      txnDate: "2026-11-02",
      dueDate: "2026-12-02",
    });
    await follow(story, invoice, dealId);
    // An automation on "overdue" (W3): time alone must fire it.
    await insertRule(
      db.db,
      stack.portalId,
      "rule-overdue",
      {
        name: "Chase overdue invoices",
        enabled: true,
        event: "overdue",
        action: "webhook",
        settings: { action: "webhook", url: "http://127.0.0.1:9/overdue" },
        connectionId: null,
        pipelineId: null,
        amountMin: null,
        amountMax: null,
      },
      story.clock.now(),
    );
    const record = await openRecord(story, dealId);
    expect(await dealProperty(record, "qbo_invoice_status")).toBe("awaiting_send");

    const page = await openLedgerlink(story, "/invoices");
    const banner = page.locator("aside.demo-banner");
    await expect
      .poll(() => banner.getByTestId("demo-now").textContent())
      .toBe("Demo date: 2 Nov 2026, 17:00 UTC");
    await page.screenshot({ path: `${SHOTS}/time-travel-1-before.png`, fullPage: true });

    await banner.getByRole("button", { name: "40 days" }).click();
    // Back to the page it came from, 40 days on: past the 30 days a sign-in lasts, so it asks again.
    await page.waitForURL(`${stack.urls.ledgerlink}/signin?next=%2Finvoices`);
    expect(await banner.getByTestId("demo-now").textContent()).toMatch(
      /^Demo date: 12 Dec 2026, 17:0\d UTC$/,
    );
    await page.screenshot({ path: `${SHOTS}/time-travel-2-forty-days-on.png`, fullPage: true });
    // Both emulators moved with Ledgerlink: they share the one clock.
    for (const url of [stack.urls.hubspot, stack.urls.qbo]) {
      const clock = (await (await fetch(`${url}/__emulator/clock`)).json()) as { now: string };
      expect(clock.now).toBe(story.clock.now().toISOString());
      expect(clock.now).toMatch(/^2026-12-12T17:0/);
    }

    // The jump enqueued the overdue pass (no waiting for the hourly schedule); the worker runs it.
    await stack.timeJumps!.settled();
    await letTheWorkerRun(stack);
    expect(await dealProperty(record, "qbo_invoice_status")).toBe("overdue");
    await expect.poll(() => record.locator("article.card").textContent()).toContain("Overdue");
    const firings = await listFirings(db.db, stack.portalId);
    expect(firings.map((f) => [f.ruleName, f.event, f.docNumber])).toEqual([
      ["Chase overdue invoices", "overdue", String(invoice.DocNumber)],
    ]);
    await record.setViewportSize({ width: 900, height: 900 });
    await record.screenshot({ path: `${SHOTS}/time-travel-3-deal-overdue.png`, fullPage: true });

    // Signed in again, Ledgerlink's own list shows it overdue too.
    const session = await createSession(db.db, stack.user.userId, stack.portalId, story.clock.now());
    const again = await openLedgerlink(
      story,
      "/invoices",
      `ll_session=${session}; ll_csrf=${stack.user.csrf}`,
    );
    await expect.poll(() => again.locator("main").textContent()).toContain("Overdue");
    await again.screenshot({ path: `${SHOTS}/time-travel-4-invoices.png`, fullPage: true });
    // And the reports' overdue list, as of the demo's date.
    await again.goto(`${stack.urls.ledgerlink}/reports`);
    expect(await again.locator("main").textContent()).toContain(String(invoice.DocNumber));
    await again.screenshot({ path: `${SHOTS}/time-travel-5-reports.png`, fullPage: true });
  });
});
