import type { Browser, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { openTestDatabase } from "../../support/db.ts";
import type { DatabaseHandle } from "../../../src/db/kysely.ts";
import { ManualClock } from "../../../src/lib/clock.ts";
import { launchBrowser } from "../../support/browser.ts";
import { startStack, type Stack } from "../../support/stack.ts";

/**
 * What the invoice stories share: the whole stack on live ports (Chromium opens the HubSpot
 * emulator's record page, whose card and iframe come from Ledgerlink), a browser, and helpers that
 * act as QuickBooks users and as the worker (webhook delivery + queue drain, never a sleep).
 */
export interface Story {
  stack: Stack;
  clock: ManualClock;
  browser: Browser;
  db: DatabaseHandle;
  close(): Promise<void>;
}

export async function startStory(
  db: DatabaseHandle,
  start = "2026-11-02T17:00:00Z",
  opts: { timeTravel?: boolean } = {},
): Promise<Story> {
  const clock = new ManualClock(start);
  const stack = await startStack(db, clock, { live: true, ...opts });
  const browser = await launchBrowser();
  return {
    stack,
    clock,
    browser,
    db,
    close: async () => {
      await browser.close();
      await stack.close();
    },
  };
}

/** A story for a describe block, on its own embedded database; call the getter inside tests. */
export function useStory(): () => Story {
  let db: DatabaseHandle | undefined;
  let story: Story | undefined;
  beforeAll(async () => {
    db = await openTestDatabase({ kind: "pglite" });
    story = await startStory(db);
  });
  afterAll(async () => {
    await story?.close();
    await db?.close();
  });
  return () => story!;
}

/** The deals of the demo portal, by name. */
export async function dealNamed(stack: Stack, name: string): Promise<string> {
  const deals = await stack.hs("GET", "/crm/v3/objects/deals?limit=100&properties=dealname");
  const deal = (deals.body.results as Array<{ id: string; properties: { dealname: string } }>).find(
    (d) => d.properties.dealname === name,
  );
  if (!deal) throw new Error(`no deal named ${name}`);
  return deal.id;
}

export async function openRecord(story: Story, dealId: string, locale: "en" | "ja" = "en"): Promise<Page> {
  const context = await story.browser.newContext({ locale: locale === "ja" ? "ja-JP" : "en-US" });
  const page = await context.newPage();
  await page.goto(
    `${story.stack.urls.hubspot}/contacts/${story.stack.hubspotPortalId}/record/0-3/${dealId}?lang=${locale}`,
  );
  return page;
}

/** Clicks a card action and returns the iframe's frame once Ledgerlink's page has loaded in it. */
export async function openCardAction(page: Page, label: string): Promise<Frame> {
  await page.locator("article.card").getByRole("button", { name: label }).click();
  const modal = page.locator("#iframe-modal");
  await modal.waitFor({ state: "visible" });
  const handle = await modal.locator("iframe").elementHandle();
  const frame = await handle!.contentFrame();
  await frame!.waitForLoadState();
  await frame!.waitForFunction(() => document.location.href !== "about:blank");
  return frame!;
}

/** A deal property as the record page shows it. */
export async function dealProperty(page: Page, name: string): Promise<string | null> {
  await page.reload();
  const cell = page.locator(`dd[data-property="${name}"]`);
  return (await cell.count()) ? cell.textContent() : null;
}

/** What happens without anyone: QBO's pending webhooks are delivered, then the worker runs. */
export async function letTheWorkerRun(stack: Stack): Promise<void> {
  await stack.qboControl("/webhooks/flush", {});
  await stack.drain();
}

/** A QBO invoice created by a QuickBooks user (not through Ledgerlink). */
export async function qboInvoice(
  stack: Stack,
  realmId: string,
  opts: { amount: number; dueDate: string; txnDate: string },
): Promise<Record<string, unknown>> {
  const q = (s: string) => `/query?query=${encodeURIComponent(s)}`;
  const customer = (await stack.qboApi(realmId, "GET", q("SELECT * FROM Customer"))).body.QueryResponse
    .Customer[0];
  const item = (await stack.qboApi(realmId, "GET", q("SELECT * FROM Item WHERE Name = 'Consulting hour'")))
    .body.QueryResponse.Item[0];
  const res = await stack.qboApi(realmId, "POST", "/invoice", {
    CustomerRef: { value: customer.Id },
    TxnDate: opts.txnDate,
    DueDate: opts.dueDate,
    Line: [
      {
        DetailType: "SalesItemLineDetail",
        Amount: opts.amount,
        SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: opts.amount },
      },
    ],
  });
  expect(res.status).toBe(200);
  return res.body.Invoice;
}

/** Follows a QBO invoice from a deal, as "Add existing invoice" does (for stories about what follows). */
export async function follow(story: Story, invoice: Record<string, unknown>, dealId: string): Promise<void> {
  await story.stack.follow("us", [invoice as { Id: string }], [{ objectType: "deals", objectId: dealId }]);
  await story.stack.drain();
}

/** A payment recorded in QBO against one invoice. */
export async function recordPayment(
  stack: Stack,
  realmId: string,
  invoice: Record<string, unknown>,
  amount: number,
) {
  const res = await stack.qboApi(realmId, "POST", "/payment", {
    CustomerRef: invoice.CustomerRef,
    TotalAmt: amount,
    Line: [{ Amount: amount, LinkedTxn: [{ TxnId: invoice.Id, TxnType: "Invoice" }] }],
  });
  expect(res.status).toBe(200);
}
