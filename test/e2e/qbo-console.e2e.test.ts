import { screenshotFile } from "../support/screenshots.ts";
import type { Frame, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chromiumAvailable } from "../support/browser.ts";
import {
  dealNamed,
  dealProperty,
  letTheWorkerRun,
  openCardAction,
  openRecord,
  useStory,
  type Story,
} from "./support/invoice-story.ts";

async function shot(page: Page, name: string) {
  // A person looks at these after a run (900 px wide, English and Japanese).
  await page.screenshot({ path: screenshotFile(`qbo-console/${name}`), fullPage: true });
}

async function submit(frame: Frame, selector: string, next: RegExp) {
  await Promise.all([frame.waitForURL(next), frame.click(selector)]);
}

/** A US invoice made from a deal through Ledgerlink's wizard in the deal's card (as issue 6's story a). */
async function invoiceFromDeal(story: Story, dealId: string): Promise<void> {
  const { stack } = story;
  const record = await openRecord(story, dealId);
  const frame = await openCardAction(record, "Create invoice");
  await frame.selectOption("select[name=connectionId]", stack.companies.us.connectionId);
  await submit(frame, "button[value=next]", /\/source/);
  await frame.check("input[name=source][value^='quote:']:not([disabled])");
  await submit(frame, "button[value=next]", /\/customer/);
  await frame.check("#kind-new");
  await submit(frame, "button[value=next]", /\/products/);
  await submit(frame, "button[value=next]", /\/details/);
  await frame.selectOption("select[name=termId]", { label: "Net 30" });
  await submit(frame, "button[value=next]", /\/review/);
  await submit(frame, "button[value=next]", /\/embed\/invoices\/new\?/);
  await stack.drain();
  await frame.waitForSelector("text=awaiting send", { timeout: 10_000 });
  await record.context().close();
}

async function consolePage(story: Story, locale: "en" | "ja"): Promise<Page> {
  const context = await story.browser.newContext({
    locale: locale === "ja" ? "ja-JP" : "en-US",
    viewport: { width: 900, height: 700 },
  });
  return context.newPage();
}

/**
 * Issue 19: a bookkeeper receives part of an invoice's money in the QuickBooks console (Chromium, the
 * QBO emulator's `/`), and the HubSpot deal the invoice was made from follows: partially paid.
 */
describe.skipIf(!chromiumAvailable())("the QuickBooks console in the browser (issue 19)", () => {
  const story = useStory();

  it("receives a partial payment in the console and the deal's invoice status follows", async () => {
    const { stack } = story();
    const realm = stack.companies.us.realmId;
    const dealId = await dealNamed(stack, "Acme – annual licence renewal");
    await invoiceFromDeal(story(), dealId);
    const q = encodeURIComponent("SELECT * FROM Invoice ORDERBY MetaData.CreateTime DESC");
    const [invoice] = (await stack.qboApi(realm, "GET", `/query?query=${q}`)).body.QueryResponse.Invoice;
    const number = String(invoice.DocNumber);

    const page = await consolePage(story(), "en");
    await page.goto(`${stack.urls.qbo}/`);
    await shot(page, "en-1-companies");
    await page.locator(`tr[data-realm="${realm}"] a`).click();
    await page.getByRole("link", { name: number, exact: true }).click();
    await expect.poll(() => page.locator("[data-status]").first().getAttribute("data-status")).toBe("open");
    await shot(page, "en-2-invoice");
    const balance = Number(
      (await page.locator("dd[data-field=Balance]").textContent())!.replace(/[^0-9.]/g, ""),
    );

    await page.getByRole("link", { name: "Receive payment" }).click();
    const amount = page.locator("input[name^=amount_]");
    await expect.poll(() => amount.inputValue()).toBe(String(balance));
    await amount.fill(String(balance / 2));
    await shot(page, "en-3-receive-payment");
    await page.getByRole("button", { name: "Record payment" }).click();
    await page.getByRole("status").waitFor();
    expect(await page.getByRole("status").textContent()).toBe("Payment recorded.");
    await shot(page, "en-4-payment");
    await page.getByRole("link", { name: number, exact: true }).click();
    expect(await page.locator("dd [data-status]").getAttribute("data-status")).toBe("partial");
    await shot(page, "en-5-invoice-partially-paid");
    await page.getByRole("link", { name: "Invoices", exact: true }).click();
    await page.getByRole("link", { name: "New invoice" }).click();
    await shot(page, "en-6-new-invoice");

    // QBO's webhook reaches Ledgerlink, the worker runs, and the deal's card says so.
    await letTheWorkerRun(stack);
    const deal = await openRecord(story(), dealId);
    expect(await dealProperty(deal, "qbo_invoice_status")).toBe("partially_paid");

    // The same screens for a Japanese browser (no CJK font on the test machines: glyphs are boxes).
    const ja = await consolePage(story(), "ja");
    await ja.goto(`${stack.urls.qbo}/companies/${realm}/invoices`);
    expect(await ja.locator("html").getAttribute("lang")).toBe("ja");
    await shot(ja, "ja-1-invoices");
    await ja.getByRole("link", { name: number, exact: true }).click();
    await shot(ja, "ja-2-invoice-partially-paid");
    await ja.getByRole("link", { name: "入金を受け取る" }).click();
    await shot(ja, "ja-3-receive-payment");
    // An empty amount is refused on the page; the balance is left as it was.
    await ja.locator("input[name^=amount_]").fill("");
    await ja.getByRole("button", { name: "入金を記録" }).click();
    expect(await ja.getByRole("alert").textContent()).toContain("何も変更されていません");
    await shot(ja, "ja-4-refused");
  }, 150_000);
});
